package dev.kizuna.segment.funnel;

/**
 * What the funnel and the cohorts need of one member: when they registered ({@link #NEVER} when the host never said),
 * the times of their orders that were not cancelled (epoch seconds, oldest first), the channel and the main category
 * of the first of them (null without orders, or when not asked for), and whether they meet the merchant's definition
 * of a regular today.
 */
public record MemberJourney(long registeredAt, long[] orderedAt, String firstChannel, String firstCategory,
                            boolean regular) {
    public static final long NEVER = Long.MIN_VALUE;

    public int orders() {
        return orderedAt.length;
    }
}
