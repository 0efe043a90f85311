package dev.kizuna.core.ports;

import java.time.Instant;
import java.util.List;

/**
 * One contact with a customer on the timeline: when, what kind, a key unique among the customer's touchpoints that
 * orders those of the same instant (and is the keyset cursor's second half), and what it says as a console message
 * key with its arguments ({@code timeline.<kind>…} of the feature's bundle) so the page shows it in the reader's
 * language. Arguments are plain values (numbers, codes, text staff wrote), {@link Money}, {@link Label} and lists of
 * labels (shown joined); never personal data of another customer.
 */
public record Touchpoint(Instant at, TouchpointKind kind, String key, String textKey, List<Object> args) {
    public Touchpoint {
        args = List.copyOf(args);
    }

    /** An argument that is money in minor units of the shop currency, shown the shop's way. */
    public record Money(long minor) {
    }

    /** An argument that is a console message key (a channel, a rank's kind), shown in the reader's language. */
    public record Label(String key) {
    }
}
