package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.text.LocalizedText;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's terms as the merchant writes them, before {@link CampaignTerms#from} checks them: what the admin API's
 * JSON reads into and what the console's form builds. Every field may be missing; the check names the one that is
 * wrong or required.
 *
 * @param code      the shared code shoppers type; null: personal codes only
 * @param validFrom an ISO date (shop time, inclusive) or a date-time with offset
 * @param validTo   an ISO date (through the end of that day) or a date-time with offset (exclusive)
 */
public record CampaignDraft(LocalizedText name, DiscountDraft discount, Long minimumOrder, String currency,
                            List<String> categories, List<String> skus, String validFrom, String validTo,
                            Long totalLimit, Long perCustomerLimit, EligibilityDraft eligibility,
                            Boolean stackableWithPoints, String code) {

    /** What the campaign gives; see {@link Discount}. */
    public record DiscountDraft(Discount.Type type, Long value, Long cap) {
    }

    /** Who may redeem; see {@link Eligibility}. */
    public record EligibilityDraft(Eligibility.Type type, List<String> ranks, String segment) {
    }

    /** The draft that gives {@code terms} again, e.g. to write them back unchanged or with one field changed. */
    public static CampaignDraft of(CampaignTerms terms, String code) {
        Discount d = terms.discount();
        Eligibility e = terms.eligibility();
        return new CampaignDraft(terms.name(), new DiscountDraft(d.type(), d.value(), d.cap()), terms.minimumOrder(),
                terms.currency(), terms.categories(), terms.skus(), iso(terms.validFrom()), iso(terms.validTo()),
                terms.totalLimit(), terms.perCustomerLimit(), new EligibilityDraft(e.type(), e.ranks(), e.segment()),
                terms.stackableWithPoints(), code);
    }

    public CampaignDraft withCode(String newCode) {
        return new CampaignDraft(name, discount, minimumOrder, currency, categories, skus, validFrom, validTo,
                totalLimit, perCustomerLimit, eligibility, stackableWithPoints, newCode);
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
