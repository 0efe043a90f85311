package dev.kizuna.core.intake;

import dev.kizuna.core.crypto.BlindIndex;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CartItemAdded;
import dev.kizuna.core.spi.CustomerDeleted;
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
import dev.kizuna.core.text.EmailAddress;

import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

/** Refuses malformed host events before anything is written, naming the offending field. */
public final class EventValidation {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_LINES = 500;
    private static final int MAX_ID = 200;
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
        if (event instanceof CustomerRegistered e) {
            id("customerId", e.customerId());
            email(e.email());
            phone(e.phone());
        } else if (event instanceof CustomerUpdated e) {
            id("customerId", e.customerId());
            email(e.email());
            phone(e.phone());
        } else if (event instanceof CustomerDeleted e) {
            id("customerId", e.customerId());
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
            nonNegative("unitPrice", e.unitPrice());
        } else if (event instanceof CartAbandoned e) {
            id("customerId", e.customerId());
            nonNegative("cartValue", e.cartValue());
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
            nonNegative(p + ".unitPrice", l.unitPrice());
            nonNegative(p + ".discount", l.discount());
            if (l.discount() > l.unitPrice() * l.quantity()) {
                throw new InvalidEventException(p + ".discount", "event.discount-exceeds-amount");
            }
            lineTotal += l.netAmount();
        }
        nonNegative("merchandiseTotal", e.merchandiseTotal());
        nonNegative("discountTotal", e.discountTotal());
        nonNegative("shippingTotal", e.shippingTotal());
        nonNegative("taxTotal", e.taxTotal());
        nonNegative("pointsRedeemed", e.pointsRedeemed());
        nonNegative("grandTotal", e.grandTotal());
        if (e.merchandiseTotal() != lineTotal) {
            throw new InvalidEventException("merchandiseTotal",
                    "event.merchandise-total", lineTotal, e.merchandiseTotal());
        }
    }

    private static void id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "required");
        }
        if (value.length() > MAX_ID) {
            throw new InvalidEventException(field, "too-long", MAX_ID);
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
