package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.spi.Cart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One version of a campaign's terms: what it gives, to which carts and shoppers, when, and how often. Parsed from
 * the admin API's JSON (every rule broken is an {@link InvalidInput} naming the field) and stored as that same JSON.
 *
 * @param validFrom        inclusive; null: from the start
 * @param validTo          exclusive; null: open-ended
 * @param categories       with {@code skus}: the lines the discount applies to; both empty: the whole cart
 * @param totalLimit       redemptions over all shoppers; null: unlimited
 * @param perCustomerLimit redemptions per shopper; null: unlimited
 */
public record CampaignTerms(String nameJa, String nameEn, Discount discount, long minimumOrder, String currency,
                            List<String> categories, List<String> skus, Instant validFrom, Instant validTo,
                            Long totalLimit, Long perCustomerLimit, Eligibility eligibility,
                            boolean stackableWithPoints) {

    public CampaignTerms {
        categories = List.copyOf(categories);
        skus = List.copyOf(skus);
    }

    public String name(Locale locale) {
        return locale.getLanguage().equals("en") ? nameEn : nameJa;
    }

    /** The part of the cart the discount applies to, minor units. */
    public long eligibleAmount(Cart cart) {
        if (categories.isEmpty() && skus.isEmpty()) {
            return cart.merchandiseTotal();
        }
        return cart.lines().stream()
                .filter(l -> skus.contains(l.sku()) || (l.category() != null && categories.contains(l.category())))
                .mapToLong(Cart.CartLine::amount).sum();
    }

    public boolean restrictedToItems() {
        return !categories.isEmpty() || !skus.isEmpty();
    }

    /** The stored and API form; {@link #parse} reads it back. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", Map.of("ja", nameJa, "en", nameEn));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", discount.type().name());
        d.put("value", discount.value());
        if (discount.cap() != null) {
            d.put("cap", discount.cap());
        }
        m.put("discount", d);
        m.put("minimumOrder", minimumOrder);
        m.put("currency", currency);
        m.put("categories", categories);
        m.put("skus", skus);
        m.put("validFrom", validFrom == null ? null : validFrom.toString());
        m.put("validTo", validTo == null ? null : validTo.toString());
        m.put("totalLimit", totalLimit);
        m.put("perCustomerLimit", perCustomerLimit);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", eligibility.type().name());
        if (eligibility.type() == Eligibility.Type.RANKS) {
            e.put("ranks", eligibility.ranks());
        }
        if (eligibility.type() == Eligibility.Type.SEGMENT) {
            e.put("segment", eligibility.segment());
        }
        m.put("eligibility", e);
        m.put("stackableWithPoints", stackableWithPoints);
        return m;
    }

    /**
     * Reads terms from JSON. Dates are ISO date-times with an offset, or plain dates in the shop's zone ({@code validTo}
     * as a date means through the end of that day).
     */
    public static CampaignTerms parse(JsonNode json, ZoneId zone, String defaultCurrency) {
        if (json == null || !json.isObject()) {
            throw new InvalidInput("body", "json-object-required");
        }
        JsonNode name = json.get("name");
        if (name == null || name.isNull()) {
            throw new InvalidInput("name", "required");
        }
        if (!name.isObject()) {
            throw new InvalidInput("name", "coupon.name-object");
        }
        String ja = text(name, "ja", "name.ja", 200);
        String en = text(name, "en", "name.en", 200);
        if (ja == null && en == null) {
            throw new InvalidInput("name", "coupon.name-ja-or-en");
        }
        Discount discount = discount(json.get("discount"));
        long minimum = whole(json, "minimumOrder", "minimumOrder", 0L, 0);
        String currency = currency(json.get("currency"), defaultCurrency);
        List<String> categories = strings(json.get("categories"), "categories");
        List<String> skus = strings(json.get("skus"), "skus");
        Instant from = instant(json.get("validFrom"), "validFrom", zone, false);
        Instant to = instant(json.get("validTo"), "validTo", zone, true);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInput("validTo", "must-be-after", new ProblemTexts.Field("validFrom"));
        }
        Long total = optionalWhole(json, "totalLimit", 1);
        Long perCustomer = optionalWhole(json, "perCustomerLimit", 1);
        Eligibility eligibility = eligibility(json.get("eligibility"));
        JsonNode stack = json.get("stackableWithPoints");
        if (stack != null && !stack.isNull() && !stack.isBoolean()) {
            throw new InvalidInput("stackableWithPoints", "true-or-false");
        }
        boolean stackable = stack == null || stack.isNull() || stack.booleanValue();
        return new CampaignTerms(ja != null ? ja : en, en != null ? en : ja, discount, minimum, currency, categories,
                skus, from, to, total, perCustomer, eligibility, stackable);
    }

    private static Discount discount(JsonNode d) {
        if (d == null || d.isNull()) {
            throw new InvalidInput("discount", "required");
        }
        if (!d.isObject()) {
            throw new InvalidInput("discount", "coupon.discount-object");
        }
        JsonNode t = d.get("type");
        if (t == null || t.isNull()) {
            throw new InvalidInput("discount.type", "required");
        }
        Discount.Type type;
        try {
            type = Discount.Type.valueOf(t.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("discount.type", "one-of", "PERCENT, FIXED, FREE_SHIPPING, BONUS_POINTS");
        }
        Long cap = optionalWhole(d, "cap", "discount.cap", 1);
        if (cap != null && type != Discount.Type.PERCENT) {
            throw new InvalidInput("discount.cap", "coupon.cap-percent-only");
        }
        if (type == Discount.Type.FREE_SHIPPING) {
            long v = whole(d, "value", "discount.value", 0L, 0);
            if (v != 0) {
                throw new InvalidInput("discount.value", "coupon.free-shipping-no-value");
            }
            return new Discount(type, 0, null);
        }
        Long value = optionalWhole(d, "value", "discount.value", 1);
        if (value == null) {
            throw new InvalidInput("discount.value", "required");
        }
        if (type == Discount.Type.PERCENT && value > 100) {
            throw new InvalidInput("discount.value", "coupon.percent-range", 1, 100);
        }
        return new Discount(type, value, cap);
    }

    private static Eligibility eligibility(JsonNode e) {
        if (e == null || e.isNull()) {
            return Eligibility.ALL;
        }
        if (!e.isObject()) {
            throw new InvalidInput("eligibility", "coupon.eligibility-object");
        }
        JsonNode t = e.get("type");
        Eligibility.Type type;
        try {
            type = t == null || t.isNull() ? Eligibility.Type.ALL : Eligibility.Type.valueOf(t.asText());
        } catch (IllegalArgumentException ex) {
            throw new InvalidInput("eligibility.type", "one-of", "ALL, RANKS, SEGMENT, FIRST_ORDER");
        }
        return switch (type) {
            case ALL, FIRST_ORDER -> new Eligibility(type, List.of(), null);
            case RANKS -> {
                List<String> ranks = strings(e.get("ranks"), "eligibility.ranks");
                if (ranks.isEmpty()) {
                    throw new InvalidInput("eligibility.ranks", "coupon.eligibility-ranks");
                }
                yield new Eligibility(type, ranks, null);
            }
            case SEGMENT -> {
                String segment = text(e, "segment", "eligibility.segment", 200);
                if (segment == null) {
                    throw new InvalidInput("eligibility.segment", "required");
                }
                yield new Eligibility(type, List.of(), segment);
            }
        };
    }

    private static String text(JsonNode parent, String key, String field, int max) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidInput(field, "must-be-text");
        }
        String s = n.asText().strip();
        if (s.length() > max) {
            throw new InvalidInput(field, "too-long", max);
        }
        return s.isEmpty() ? null : s;
    }

    private static long whole(JsonNode parent, String key, String field, long fallback, long min) {
        Long v = optionalWhole(parent, key, field, min);
        return v == null ? fallback : v;
    }

    private static Long optionalWhole(JsonNode parent, String key, long min) {
        return optionalWhole(parent, key, key, min);
    }

    private static Long optionalWhole(JsonNode parent, String key, String field, long min) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new InvalidInput(field, "whole-number");
        }
        long v = n.longValue();
        if (v < min) {
            throw new InvalidInput(field, min == 0 ? "not-negative" : "at-least", min);
        }
        return v;
    }

    private static String currency(JsonNode n, String fallback) {
        if (n == null || n.isNull()) {
            return fallback;
        }
        String c = n.asText();
        try {
            if (n.isTextual() && c.matches("[A-Z]{3}")) {
                return Currency.getInstance(c).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidInput("currency", "currency-iso");
    }

    private static List<String> strings(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new InvalidInput(field, "must-be-list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            if (!e.isTextual() || e.asText().isBlank()) {
                throw new InvalidInput(field + "[" + i + "]", "coupon.non-empty-text");
            }
            out.add(e.asText().strip());
        }
        return out;
    }

    private static Instant instant(JsonNode n, String field, ZoneId zone, boolean endOfDay) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidInput(field, "coupon.date-or-date-time");
        }
        String s = n.asText().strip();
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "coupon.date-format");
        }
    }
}
