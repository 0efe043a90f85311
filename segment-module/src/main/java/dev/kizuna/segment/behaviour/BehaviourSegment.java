package dev.kizuna.segment.behaviour;

import dev.kizuna.core.text.LocalizedText;

import java.util.Optional;

/**
 * A behavioural segment, read live from the host's behaviour events and the order mirror, with its parameters.
 * Keys (after the {@code behaviour:} prefix):
 * <ul>
 *   <li>{@code cart-abandoners[:Nd]}: abandoned a cart in the last N days and bought nothing since;</li>
 *   <li>{@code viewed-not-bought:CATEGORY[:Nd]}: viewed a product of CATEGORY in the last N days and bought nothing
 *       of it in those days;</li>
 *   <li>{@code no-result-searchers[:Nd]}: searched in the last N days and got no result;</li>
 *   <li>{@code first-order-only}: exactly one purchase so far.</li>
 * </ul>
 * N defaults to {@code kizuna.segments.behaviour.days} (30); {@code :7d} asks for 7.
 */
public record BehaviourSegment(Kind kind, String category, int days) {
    public static final int MAX_DAYS = 3650;

    public enum Kind {
        CART_ABANDONERS("cart-abandoners", "かご落ち顧客", "Cart abandoners"),
        VIEWED_NOT_BOUGHT("viewed-not-bought", "閲覧したが未購入", "Viewed but did not buy"),
        NO_RESULT_SEARCHERS("no-result-searchers", "検索結果ゼロの顧客", "Searched without result"),
        FIRST_ORDER_ONLY("first-order-only", "初回購入のみの顧客", "First order only");

        final String slug;
        final LocalizedText label;

        Kind(String slug, String ja, String en) {
            this.slug = slug;
            this.label = LocalizedText.of(ja, en);
        }

        public String slug() {
            return slug;
        }

        boolean hasDays() {
            return this != FIRST_ORDER_ONLY;
        }
    }

    /**
     * Parses the part of a key after {@code behaviour:}; empty when it names no behavioural segment or a parameter
     * is out of range (a category is required for {@code viewed-not-bought}; days run from 1 to 3650).
     */
    public static Optional<BehaviourSegment> parse(String spec, int defaultDays) {
        // one scan, no regular expression: the spec comes from URLs and API calls
        if (spec.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029)) {
            return Optional.empty();
        }
        String head = spec;
        Integer days = null;
        int colon = spec.lastIndexOf(':');
        String tail = colon < 0 ? "" : spec.substring(colon + 1);
        if (tail.length() >= 2 && tail.length() <= 5 && tail.endsWith("d")
                && tail.substring(0, tail.length() - 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            head = spec.substring(0, colon);
            days = Integer.valueOf(tail.substring(0, tail.length() - 1));
        }
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            return Optional.empty();
        }
        int n = days == null ? defaultDays : days;
        for (Kind kind : Kind.values()) {
            if (kind == Kind.VIEWED_NOT_BOUGHT) {
                String prefix = kind.slug + ":";
                if (head.startsWith(prefix) && !head.substring(prefix.length()).isBlank()) {
                    return Optional.of(new BehaviourSegment(kind, head.substring(prefix.length()), n));
                }
            } else if (head.equals(kind.slug)) {
                if (!kind.hasDays() && days != null) {
                    return Optional.empty();
                }
                return Optional.of(new BehaviourSegment(kind, null, kind.hasDays() ? n : 0));
            }
        }
        return Optional.empty();
    }

    public static BehaviourSegment cartAbandoners(int days) {
        return new BehaviourSegment(Kind.CART_ABANDONERS, null, days);
    }

    public static BehaviourSegment viewedNotBought(String category, int days) {
        return new BehaviourSegment(Kind.VIEWED_NOT_BOUGHT, category, days);
    }

    public static BehaviourSegment noResultSearchers(int days) {
        return new BehaviourSegment(Kind.NO_RESULT_SEARCHERS, null, days);
    }

    public static BehaviourSegment firstOrderOnly() {
        return new BehaviourSegment(Kind.FIRST_ORDER_ONLY, null, 0);
    }

    /** The key without the {@code behaviour:} prefix, days always spelled out, e.g. {@code cart-abandoners:30d}. */
    public String spec() {
        StringBuilder s = new StringBuilder(kind.slug);
        if (category != null) {
            s.append(':').append(category);
        }
        if (kind.hasDays()) {
            s.append(':').append(days).append('d');
        }
        return s.toString();
    }

    /** The segment's name with its parameters, in the shop's languages; a category by its key. */
    public LocalizedText name() {
        return name(category == null ? null : LocalizedText.of(category, category));
    }

    /** The segment's name with its parameters, the category by the name the shop gives it. */
    public LocalizedText name(LocalizedText categoryName) {
        return switch (kind) {
            case CART_ABANDONERS -> LocalizedText.of("かご落ち顧客（直近" + days + "日）",
                    "Cart abandoners (last " + days + " days)");
            case VIEWED_NOT_BOUGHT -> LocalizedText.of("「" + categoryName.ja() + "」を閲覧したが未購入（直近" + days + "日）",
                    "Viewed " + categoryName.en() + " but did not buy (last " + days + " days)");
            case NO_RESULT_SEARCHERS -> LocalizedText.of("検索結果ゼロの顧客（直近" + days + "日）",
                    "Searched without result (last " + days + " days)");
            case FIRST_ORDER_ONLY -> kind.label;
        };
    }
}
