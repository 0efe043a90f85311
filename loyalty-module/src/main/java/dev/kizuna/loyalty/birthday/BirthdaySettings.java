package dev.kizuna.loyalty.birthday;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.loyalty.coupon.CampaignStore;
import dev.kizuna.loyalty.coupon.CampaignTerms;

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
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.putObject("name")
                .put("ja", config.get("kizuna.birthday.name-ja").orElse("お誕生日クーポン"))
                .put("en", config.get("kizuna.birthday.name-en").orElse("Birthday coupon"));
        ObjectNode discount = json.putObject("discount");
        discount.put("type", config.get("kizuna.birthday.discount-type").orElse("PERCENT"));
        String type = discount.get("type").asText();
        discount.put("value", config.longValue("kizuna.birthday.discount-value", type.equals("FREE_SHIPPING") ? 0 : 10));
        config.get("kizuna.birthday.discount-cap").ifPresent(c -> discount.put("cap", config.longValue("kizuna.birthday.discount-cap", 0)));
        json.put("minimumOrder", config.longValue("kizuna.birthday.minimum-order", 0));
        json.put("stackableWithPoints", config.bool("kizuna.birthday.stackable-with-points", true));
        try {
            return new BirthdaySettings(daysBefore, catchUp, validDays, batch, store.parse(json));
        } catch (InvalidInput e) {
            throw new IllegalArgumentException("kizuna.birthday." + configKey(e.field()) + ": " + e.reason(), e);
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
