package dev.kizuna.loyalty.coupon;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.i18n.ProblemTexts;
import dev.kizuna.core.spi.Cart;
import dev.kizuna.core.text.LocalizedText;

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
 * One version of a campaign's terms: what it gives, to which carts and shoppers, when, and how often. Checked from
 * a {@link CampaignDraft} (every rule broken is an {@link InvalidInput} naming the field); serialised with Jackson, it
 * is both the stored form of a version and the terms part of the admin API's campaign JSON.
 *
 * @param validFrom        inclusive; null: from the start
 * @param validTo          exclusive; null: open-ended
 * @param categories       with {@code skus}: the lines the discount applies to; both empty: the whole cart
 * @param totalLimit       redemptions over all shoppers; null: unlimited
 * @param perCustomerLimit redemptions per shopper; null: unlimited
 */
public record CampaignTerms(LocalizedText name, Discount discount, long minimumOrder, String currency,
                            List<String> categories, List<String> skus, Instant validFrom, Instant validTo,
                            Long totalLimit, Long perCustomerLimit, Eligibility eligibility,
                            boolean stackableWithPoints) {

    public CampaignTerms {
        categories = List.copyOf(categories);
        skus = List.copyOf(skus);
    }

    public String name(Locale locale) {
        return name.get(locale);
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

    @JsonIgnore
    public boolean restrictedToItems() {
        return !categories.isEmpty() || !skus.isEmpty();
    }

    /**
     * Checks a draft. Dates are ISO date-times with an offset, or plain dates in the shop's zone ({@code validTo} as a
     * date means through the end of that day); a missing currency is the shop's.
     */
    public static CampaignTerms from(CampaignDraft draft, ZoneId zone, String defaultCurrency) {
        if (draft == null) {
            throw new InvalidInput("body", "json-object-required");
        }
        LocalizedText name = name(draft.name());
        Discount discount = discount(draft.discount());
        long minimum = atLeast(draft.minimumOrder(), "minimumOrder", 0L, 0);
        String currency = currency(draft.currency(), defaultCurrency);
        List<String> categories = strings(draft.categories(), "categories");
        List<String> skus = strings(draft.skus(), "skus");
        Instant from = instant(draft.validFrom(), "validFrom", zone, false);
        Instant to = instant(draft.validTo(), "validTo", zone, true);
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInput("validTo", "must-be-after", new ProblemTexts.Field("validFrom"));
        }
        Long total = optional(draft.totalLimit(), "totalLimit", 1);
        Long perCustomer = optional(draft.perCustomerLimit(), "perCustomerLimit", 1);
        Eligibility eligibility = eligibility(draft.eligibility());
        boolean stackable = draft.stackableWithPoints() == null || draft.stackableWithPoints();
        return new CampaignTerms(name, discount, minimum, currency, categories, skus, from, to, total, perCustomer,
                eligibility, stackable);
    }

    /** Japanese and English, each at most 200 characters; one of them may stand in for the other. */
    private static LocalizedText name(LocalizedText name) {
        if (name == null) {
            throw new InvalidInput("name", "required");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        name.asMap().forEach((lang, text) -> {
            String s = text.strip();
            if (s.length() > 200) {
                throw new InvalidInput("name." + lang, "too-long", 200);
            }
            texts.put(lang, s);
        });
        if (texts.getOrDefault(LocalizedText.JA, "").isEmpty() && texts.getOrDefault(LocalizedText.EN, "").isEmpty()) {
            throw new InvalidInput("name", "coupon.name-ja-or-en");
        }
        return LocalizedText.of(texts).withJaAndEn();
    }

    private static Discount discount(CampaignDraft.DiscountDraft d) {
        if (d == null) {
            throw new InvalidInput("discount", "required");
        }
        Discount.Type type = d.type();
        if (type == null) {
            throw new InvalidInput("discount.type", "required");
        }
        Long cap = optional(d.cap(), "discount.cap", 1);
        if (cap != null && type != Discount.Type.PERCENT) {
            throw new InvalidInput("discount.cap", "coupon.cap-percent-only");
        }
        if (type == Discount.Type.FREE_SHIPPING) {
            long v = atLeast(d.value(), "discount.value", 0L, 0);
            if (v != 0) {
                throw new InvalidInput("discount.value", "coupon.free-shipping-no-value");
            }
            return new Discount(type, 0, null);
        }
        Long value = optional(d.value(), "discount.value", 1);
        if (value == null) {
            throw new InvalidInput("discount.value", "required");
        }
        if (type == Discount.Type.PERCENT && value > 100) {
            throw new InvalidInput("discount.value", "coupon.percent-range", 1, 100);
        }
        return new Discount(type, value, cap);
    }

    private static Eligibility eligibility(CampaignDraft.EligibilityDraft e) {
        if (e == null) {
            return Eligibility.ALL;
        }
        Eligibility.Type type = e.type() == null ? Eligibility.Type.ALL : e.type();
        return switch (type) {
            case ALL, FIRST_ORDER -> new Eligibility(type, List.of(), null);
            case RANKS -> {
                List<String> ranks = strings(e.ranks(), "eligibility.ranks");
                if (ranks.isEmpty()) {
                    throw new InvalidInput("eligibility.ranks", "coupon.eligibility-ranks");
                }
                yield new Eligibility(type, ranks, null);
            }
            case SEGMENT -> {
                String segment = text(e.segment(), "eligibility.segment", 200);
                if (segment == null) {
                    throw new InvalidInput("eligibility.segment", "required");
                }
                yield new Eligibility(type, List.of(), segment);
            }
        };
    }

    private static String text(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        if (s.length() > max) {
            throw new InvalidInput(field, "too-long", max);
        }
        return s.isEmpty() ? null : s;
    }

    private static long atLeast(Long value, String field, long fallback, long min) {
        Long v = optional(value, field, min);
        return v == null ? fallback : v;
    }

    private static Long optional(Long value, String field, long min) {
        if (value != null && value < min) {
            throw new InvalidInput(field, min == 0 ? "not-negative" : "at-least", min);
        }
        return value;
    }

    private static String currency(String c, String fallback) {
        if (c == null) {
            return fallback;
        }
        try {
            if (c.matches("[A-Z]{3}")) {
                return Currency.getInstance(c).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidInput("currency", "currency-iso");
    }

    private static List<String> strings(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String e = values.get(i);
            if (e == null || e.isBlank()) {
                throw new InvalidInput(field + "[" + i + "]", "coupon.non-empty-text");
            }
            out.add(e.strip());
        }
        return out;
    }

    private static Instant instant(String value, String field, ZoneId zone, boolean endOfDay) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
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
