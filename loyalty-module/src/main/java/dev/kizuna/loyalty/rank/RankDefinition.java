package dev.kizuna.loyalty.rank;

import dev.kizuna.core.ports.MemberDiscount;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;
import java.util.Locale;

/**
 * One rank as the merchant configures it: its place in the ladder, what qualifies for it and what it gives.
 *
 * @param code                   stable identifier, e.g. {@code GOLD} (coupon campaigns restricted to ranks name it)
 * @param name                   in the shop's languages
 * @param level                  0 for the base rank everyone holds, then 1, 2 ... upwards
 * @param pointMultiplierPercent 100 = ×1; applied by the earning rules
 * @param freeShippingThreshold  minor units from which shipping is free; null when the rank gives none
 * @param birthdayBonusPoints    points granted with the birthday coupon
 * @param perksJa                free-text perks shown to shoppers, in Japanese
 * @param perksEn                the same in English
 * @param memberDiscount         the member price the host's pricing gives the rank's members
 */
public record RankDefinition(String code, int level, LocalizedText name, Thresholds thresholds,
                             int pointMultiplierPercent, Long freeShippingThreshold, long birthdayBonusPoints,
                             List<String> perksJa, List<String> perksEn, MemberDiscount memberDiscount) {

    public RankDefinition {
        perksJa = List.copyOf(perksJa);
        perksEn = List.copyOf(perksEn);
        memberDiscount = memberDiscount == null ? MemberDiscount.NONE : memberDiscount;
    }

    /** A rank without a member price. */
    public RankDefinition(String code, int level, LocalizedText name, Thresholds thresholds,
                          int pointMultiplierPercent, Long freeShippingThreshold, long birthdayBonusPoints,
                          List<String> perksJa, List<String> perksEn) {
        this(code, level, name, thresholds, pointMultiplierPercent, freeShippingThreshold, birthdayBonusPoints,
                perksJa, perksEn, MemberDiscount.NONE);
    }

    public boolean isBase() {
        return level == 0;
    }

    public boolean qualifies(QualifyingFigures figures) {
        return thresholds.metBy(figures);
    }

    public String name(Locale locale) {
        return name.get(locale);
    }

    public List<String> perks(Locale locale) {
        return english(locale) ? perksEn : perksJa;
    }

    static boolean english(Locale locale) {
        return locale != null && locale.getLanguage().equals("en");
    }
}
