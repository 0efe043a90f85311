package dev.kizuna.core.intake;

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

import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

/** Refuses malformed host events before anything is written, naming the offending field. */
public final class EventValidation {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_LINES = 500;
    private static final int MAX_ID = 200;

    private EventValidation() {
    }

    public static void validate(HostEvent event) {
        if (event == null) {
            throw new InvalidEventException("event", "is missing");
        }
        id("eventId", event.eventId());
        if (event.occurredAt() == null) {
            throw new InvalidEventException("occurredAt", "is missing");
        }
        if (event instanceof CustomerRegistered e) {
            id("customerId", e.customerId());
            email(e.email());
        } else if (event instanceof CustomerUpdated e) {
            id("customerId", e.customerId());
            email(e.email());
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
                throw new InvalidEventException("lines", "a return names at least one line");
            }
            for (int i = 0; i < e.lines().size(); i++) {
                OrderReturned.ReturnedLine l = e.lines().get(i);
                id("lines[" + i + "].sku", l.sku());
                if (l.quantity() <= 0) {
                    throw new InvalidEventException("lines[" + i + "].quantity", "must be positive, was " + l.quantity());
                }
            }
        } else if (event instanceof ProductViewed e) {
            id("sku", e.sku());
        } else if (event instanceof CartItemAdded e) {
            id("sku", e.sku());
            if (e.quantity() <= 0) {
                throw new InvalidEventException("quantity", "must be positive, was " + e.quantity());
            }
            nonNegative("unitPrice", e.unitPrice());
        } else if (event instanceof CartAbandoned e) {
            id("customerId", e.customerId());
            nonNegative("cartValue", e.cartValue());
            currency(e.currency());
        } else if (event instanceof SearchPerformed e) {
            if (e.query() == null) {
                throw new InvalidEventException("query", "is missing");
            }
            nonNegative("resultCount", e.resultCount());
        }
    }

    private static void order(OrderSubmitted e) {
        id("orderId", e.orderId());
        id("customerId", e.customerId());
        currency(e.currency());
        if (e.lines().isEmpty()) {
            throw new InvalidEventException("lines", "an order has at least one line");
        }
        if (e.lines().size() > MAX_LINES) {
            throw new InvalidEventException("lines", "at most " + MAX_LINES + " lines, was " + e.lines().size());
        }
        Set<String> skus = new HashSet<>();
        long lineTotal = 0;
        for (int i = 0; i < e.lines().size(); i++) {
            OrderSubmitted.OrderLine l = e.lines().get(i);
            String p = "lines[" + i + "]";
            id(p + ".sku", l.sku());
            if (!skus.add(l.sku())) {
                throw new InvalidEventException(p + ".sku", "appears twice in the order: " + l.sku());
            }
            if (l.quantity() <= 0) {
                throw new InvalidEventException(p + ".quantity", "must be positive, was " + l.quantity());
            }
            nonNegative(p + ".unitPrice", l.unitPrice());
            nonNegative(p + ".discount", l.discount());
            if (l.discount() > l.unitPrice() * l.quantity()) {
                throw new InvalidEventException(p + ".discount", "exceeds the line amount");
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
                    "must equal the lines' net total " + lineTotal + ", was " + e.merchandiseTotal());
        }
    }

    private static void id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(field, "is missing");
        }
        if (value.length() > MAX_ID) {
            throw new InvalidEventException(field, "is longer than " + MAX_ID + " characters");
        }
    }

    private static void email(String email) {
        if (email != null && !email.isBlank() && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
            throw new InvalidEventException("email", "is not an e-mail address");
        }
    }

    private static void currency(String code) {
        if (code == null) {
            throw new InvalidEventException("currency", "is missing");
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("currency", "unknown ISO 4217 code: " + code);
        }
    }

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidEventException(field, "must not be negative, was " + value);
        }
    }
}
