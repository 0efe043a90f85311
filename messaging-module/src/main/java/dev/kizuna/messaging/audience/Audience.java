package dev.kizuna.messaging.audience;

import java.util.List;

/**
 * Who a broadcast is for, as the merchant combines it: criteria over what Kizuna knows of a customer, joined with
 * and/or/not. Written in JSON with one key per node, e.g.
 * {@code {"and":[{"rank":{"atLeast":"GOLD"}},{"not":{"lastOrderOlderThanDays":180}}]}}; {@code {"all":true}} is
 * everyone (who opted in to the channel).
 */
public sealed interface Audience {

    record Everyone() implements Audience {
    }

    record AllOf(List<Audience> parts) implements Audience {
        public AllOf {
            parts = List.copyOf(parts);
        }
    }

    record AnyOf(List<Audience> parts) implements Audience {
        public AnyOf {
            parts = List.copyOf(parts);
        }
    }

    record Not(Audience part) implements Audience {
    }

    /** A named segment: {@code rfm:champions}, {@code behaviour:cart-abandoners} … */
    record Segment(String key) implements Audience {
    }

    /** LTV deciles {@code from} … {@code to}, 1 … 10. */
    record LtvDecile(int from, int to) implements Audience {
    }

    /** P(alive) below or at least {@code p}. */
    record PAlive(boolean below, double p) implements Audience {
    }

    record RankAtLeast(String code) implements Audience {
    }

    record ProfileAnswer(String question, String answer) implements Audience {
    }

    /** Birthday in month 1 … 12. */
    record BirthdayMonth(int month) implements Audience {
    }

    record PointsAtLeast(long points) implements Audience {
    }

    record PointsExpiringWithin(int days) implements Audience {
    }

    /** Has ordered, but not in the last {@code days} days. */
    record LastOrderOlderThan(int days) implements Audience {
    }
}
