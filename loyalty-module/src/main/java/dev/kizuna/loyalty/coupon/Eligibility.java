package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Who may redeem: everyone, members of some ranks, members of a segment, or shoppers placing their first order.
 *
 * @param ranks   rank codes (RANKS)
 * @param segment segment key, e.g. {@code rfm:champions} (SEGMENT)
 */
public record Eligibility(Type type, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ranks,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String segment) {

    public enum Type { ALL, RANKS, SEGMENT, FIRST_ORDER }

    public static final Eligibility ALL = new Eligibility(Type.ALL, List.of(), null);

    public Eligibility {
        ranks = ranks == null ? List.of() : List.copyOf(ranks);
    }

    /** What the rules need to know about the shopper; asked only when the campaign's eligibility depends on it. */
    public interface Shopper {
        String rankCode();

        boolean inSegment(String segmentKey);

        boolean hasOrdered();
    }

    public boolean admits(Shopper shopper) {
        return switch (type) {
            case ALL -> true;
            case RANKS -> ranks.contains(shopper.rankCode());
            case SEGMENT -> shopper.inSegment(segment);
            case FIRST_ORDER -> !shopper.hasOrdered();
        };
    }
}
