package dev.kizuna.core.ports;

import java.util.Arrays;
import java.util.Optional;

/**
 * What happened to a customer that another system may want to hear of: the types a webhook subscribes to. The
 * {@code domain_event.type} column holds the {@link #wire()} name (its CHECK constraint lists them all).
 */
public enum DomainEventType {
    CUSTOMER_REGISTERED("customer.registered"),
    POINTS_EARNED("points.earned"),
    POINTS_CONFIRMED("points.confirmed"),
    POINTS_REDEEMED("points.redeemed"),
    POINTS_REVERSED("points.reversed"),
    POINTS_EXPIRING("points.expiring"),
    POINTS_EXPIRED("points.expired"),
    RANK_CHANGED("rank.changed"),
    COUPON_ISSUED("coupon.issued"),
    COUPON_REDEEMED("coupon.redeemed"),
    SURVEY_ANSWERED("survey.answered"),
    PROFILE_ANSWERED("profile.answered"),
    SEGMENT_ENTERED("segment.entered"),
    SEGMENT_LEFT("segment.left");

    private final String wire;

    DomainEventType(String wire) {
        this.wire = wire;
    }

    /** The name receivers see, e.g. {@code points.earned}. */
    public String wire() {
        return wire;
    }

    public static Optional<DomainEventType> ofWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
