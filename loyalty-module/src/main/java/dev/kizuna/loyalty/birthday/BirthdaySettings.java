package dev.kizuna.loyalty.birthday;

import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.loyalty.coupon.CampaignDraft;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CampaignTerms;
import dev.kizuna.loyalty.coupon.Discount;

/**
 * The birthday coupon's configuration:
 * <ul>
 *   <li>{@code kizuna.birthday.days-before} (7): issued this many days before the birthday;</li>
 *   <li>{@code kizuna.birthday.catch-up-days} (2): birthdays up to this many days nearer are still served, for a
 *       day the job did not run;</li>
 *   <li>{@code kizuna.birthday.valid-days} (30): usable from issue through this many days;</li>
 *   <li>{@code kizuna.birthday.discount-type} (PERCENT), {@code discount-value} (10), {@code discount-cap} (none),
 *       {@code minimum-order} (0), {@code stackable-with-points} (true), {@code name-ja}, {@code name-en}: the
 *       birthday campaign's first terms, when the shop has none yet; afterwards the merchant edits them in the
 *       console;</li>
 *   <li>{@code kizuna.birthday.batch-size} (2,000 members per transaction).</li>
 * </ul>
 * The schedule is {@code kizuna.jobs.birthday-coupons.schedule} (default daily 00:10 shop time).
 */
public record BirthdaySettings(int daysBefore, int catchUpDays, int validDays, int batchSize, CampaignTerms terms) {

    public static BirthdaySettings from(KizunaConfig config, CampaignStore store) {
        int daysBefore = range(config, "kizuna.birthday.days-before", 7, 0, 60);
        int catchUp = range(config, "kizuna.birthday.catch-up-days", 2, 0, 30);
        int validDays = range(config, "kizuna.birthday.valid-days", 30, 1, 366);
        int batch = range(config, "kizuna.birthday.batch-size", 2_000, 1, 100_000);
        try {
            LocalizedText name = LocalizedText.of(config.get("kizuna.birthday.name-ja").orElse("お誕生日クーポン"),
                    config.get("kizuna.birthday.name-en").orElse("Birthday coupon"));
            Discount.Type type = discountType(config.get("kizuna.birthday.discount-type").orElse("PERCENT"));
            Long cap = config.get("kizuna.birthday.discount-cap").isPresent()
                    ? config.longValue("kizuna.birthday.discount-cap", 0) : null;
            CampaignDraft draft = new CampaignDraft(name, new CampaignDraft.DiscountDraft(type,
                    config.longValue("kizuna.birthday.discount-value", type == Discount.Type.FREE_SHIPPING ? 0 : 10), cap),
                    config.longValue("kizuna.birthday.minimum-order", 0), null, null, null, null, null, null, null, null,
                    config.bool("kizuna.birthday.stackable-with-points", true), null);
            return new BirthdaySettings(daysBefore, catchUp, validDays, batch, store.check(draft));
        } catch (InvalidInput e) {
            throw new IllegalArgumentException("kizuna.birthday." + configKey(e.field()) + ": " + e.reason(), e);
        }
    }

    private static Discount.Type discountType(String configured) {
        try {
            return Discount.Type.valueOf(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("discount.type", "one-of", "PERCENT, FIXED, FREE_SHIPPING, BONUS_POINTS");
        }
    }

    private static String configKey(String field) {
        return switch (field) {
            case "discount.type" -> "discount-type";
            case "discount.value" -> "discount-value";
            case "discount.cap" -> "discount-cap";
            case "minimumOrder" -> "minimum-order";
            default -> field;
        };
    }

    private static int range(KizunaConfig config, String key, int fallback, int min, int max) {
        int v = config.intValue(key, fallback);
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max);
        }
        return v;
    }
}
