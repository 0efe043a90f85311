package dev.kizuna.core.ports;

import java.util.List;
import java.util.Locale;

/**
 * The member ranks a shop has, lowest first, for features that let a merchant pick ranks (a coupon for Gold and
 * above, survey results by rank). The ranks feature provides it; without it there are no ranks to pick.
 */
public interface RankLadder {

    record Rank(String code, int level, String nameJa, String nameEn) {
        public String name(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameJa;
        }
    }

    List<Rank> ranks();
}
