package dev.kizuna.core.intake;

import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CartItemAdded;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.CustomerUpdated;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.InvalidEventException;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.spi.ProductViewed;
import dev.kizuna.core.spi.SearchPerformed;
import dev.kizuna.core.money.Amounts;
import dev.kizuna.core.text.EmailAddress;
import dev.kizuna.core.text.InputDates;

import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

/** Refuses malformed host events before anything is written, naming the offending field. */
public final class EventValidation {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_LINES = 500;
    private static final int MAX_ID = 200;
    public static final int MAX_QUANTITY = 1_000_000;
    private static final int MAX_PHONE = 32;

    private EventValidation() {
    }

    public static void validate(HostEvent event) {
        if (event == null) {
            throw new InvalidEventException("event", "required");
        }
        id("eventId", event.eventId());
        if (event.occurredAt() == null) {
            throw new InvalidEventException("occurredAt", "required");
        }
        if (!InputDates.sane(event.occurredAt())) {
            throw new InvalidEventException("occurredAt", "year-out-of-range", InputDates.MIN_YEAR_TEXT, InputDates.MAX_YEAR_TEXT);
        }
        if (event instanceof CustomerRegistered e) {
            id("customerId", e.customerId());
            email(e.email());
            phone(e.phone());
            optionalId("referralCode", e.referralCode());
            optionalId("deviceHash", e.deviceHash());
            optionalId("addressHash", e.addressHash());
        } else if (event instanceof CustomerUpdated e) {
            id("customerId", e.customerId());
            email(e.email());
            phone(e.phone());
        } else if (event instanceof CustomerDeleted e) {
            id("customerId", e.customerId());
        } else if (event instanceof CustomerMerged e) {
            id("survivorId", e.survivorId());
            id("mergedId", e.mergedId());
            if (e.survivorId().equals(e.mergedId())) {
                throw new InvalidEventException("mergedId", "event.merged-into-itself");
            }
        } else if (event instanceof OrderSubmitted e) {
            order(e);
        } else if (event instanceof OrderDelivered e) {
            id("orderId", e.orderId());
        } else if (event instanceof OrderCancelled e) {
            id("orderId", e.orderId());
        } else if (event instanceof OrderReturned e) {
            id("orderId", e.orderId());
            if (e.lines().isEmpty()) {
                throw new InvalidEventException("lines", "event.return-without-lines");
            }
            for (int i = 0; i < e.lines().size(); i++) {
                OrderReturned.ReturnedLine l = e.lines().get(i);
                id("lines[" + i + "].sku", l.sku());
                if (l.quantity() <= 0) {
                    throw new InvalidEventException("lines[" + i + "].quantity", "positive-was", l.quantity());
                }
            }
        } else if (event instanceof ProductViewed e) {
            id("sku", e.sku());
        } else if (event instanceof CartItemAdded e) {
            id("sku", e.sku());
            if (e.quantity() <= 0) {
                throw new InvalidEventException("quantity", "positive-was", e.quantity());
            }
            if (e.quantity() > MAX_QUANTITY) {
                throw new InvalidEventException("quantity", "out-of-range", 1, MAX_QUANTITY);
            }
            amount("unitPrice", e.unitPrice());
        } else if (event instanceof CartAbandoned e) {
            id("customerId", e.customerId());
            amount("cartValue", e.cartValue());
            currency(e.currency());
        } else if (event instanceof SearchPerformed e) {
            if (e.query() == null) {
                throw new InvalidEventException("query", "required");
            }
            nonNegative("resultCount", e.resultCount());
        }
    }

    private static void order(OrderSubmitted e) {
        id("orderId", e.orderId());
        id("customerId", e.customerId());
        optionalId("paymentFingerprint", e.paymentFingerprint());
        currency(e.currency());
        if (e.lines().isEmpty()) {
            throw new InvalidEventException("lines", "event.order-without-lines");
        }
        if (e.lines().size() > MAX_LINES) {
            throw new InvalidEventException("lines", "event.too-many-lines", MAX_LINES, e.lines().size());
        }
        Set<String> skus = new HashSet<>();
        long lineTotal = 0;
        for (int i = 0; i < e.lines().size(); i++) {
            OrderSubmitted.OrderLine l = e.lines().get(i);
            String p = "lines[" + i + "]";
            id(p + ".sku", l.sku());
            if (!skus.add(l.sku())) {
                throw new InvalidEventException(p + ".sku", "event.sku-twice", l.sku());
            }
            if (l.quantity() <= 0) {
                throw new InvalidEventException(p + ".quantity", "positive-was", l.quantity());
            }
            if (l.quantity() > MAX_QUANTITY) {
                throw new InvalidEventException(p + ".quantity", "out-of-range", 1, MAX_QUANTITY);
            }
            amount(p + ".unitPrice", l.unitPrice());
            amount(p + ".discount", l.discount());
            long gross = exact(p + ".unitPrice", () -> Math.multiplyExact(l.unitPrice(), (long) l.quantity()));
            if (l.discount() > gross) {
                throw new InvalidEventException(p + ".discount", "event.discount-exceeds-amount");
            }
            long line = gross - l.discount();
            long before = lineTotal;
            lineTotal = exact(p + ".unitPrice", () -> Math.addExact(before, line));
        }
        amount("merchandiseTotal", e.merchandiseTotal());
        amount("discountTotal", e.discountTotal());
        amount("shippingTotal", e.shippingTotal());
        amount("taxTotal", e.taxTotal());
        amount("pointsRedeemed", e.pointsRedeemed());
        amount("grandTotal", e.grandTotal());
        if (e.merchandiseTotal() != lineTotal) {
            throw new InvalidEventException("merchandiseTotal",
                    "event.merchandise-total", lineTotal, e.merchandiseTotal());
        }
    }

    /** An identifier the host may leave out (null), checked like any other when it passes one. */
    private static void optionalId(String field, String value) {
        if (value != null) {
            id(field, value);
        }
    }

    private static void id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "required");
        }
        if (value.length() > MAX_ID) {
            throw new InvalidEventException(field, "too-long", MAX_ID);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidEventException(field, "control-character", i + 1);
            }
        }
    }

    /** A money amount or points figure: not negative and at most {@link Amounts#MAX}. */
    private static void amount(String field, long value) {
        nonNegative(field, value);
        if (value > Amounts.MAX) {
            throw new InvalidEventException(field, "out-of-range", 0, Amounts.MAX);
        }
    }

    private static long exact(String field, java.util.function.LongSupplier sum) {
        try {
            return sum.getAsLong();
        } catch (ArithmeticException e) {
            throw new InvalidEventException(field, "amount-overflow");
        }
    }

    private static void email(String email) {
        if (email != null && !email.isBlank() && !EmailAddress.isValid(email)) {
            throw new InvalidEventException("email", "not-an-email");
        }
    }

    /** A phone number: at most 32 characters with at least one digit (its blind index is taken on the digits). */
    private static void phone(String phone) {
        if (phone == null) {
            return;
        }
        if (phone.length() > MAX_PHONE) {
            throw new InvalidEventException("phone", "too-long", MAX_PHONE);
        }
        if (BlindIndex.normalisePhone(phone) == null) {
            throw new InvalidEventException("phone", "event.not-a-phone");
        }
    }

    private static void currency(String code) {
        if (code == null) {
            throw new InvalidEventException("currency", "required");
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("currency", "currency-unknown", code);
        }
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidEventException(field, "not-negative-was", value);
        }
    }
}
