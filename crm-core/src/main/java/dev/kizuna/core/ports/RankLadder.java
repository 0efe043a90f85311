package dev.kizuna.core.ports;

import dev.kizuna.core.text.LocalizedText;

import java.util.List;
import java.util.Locale;

/**
 * The member ranks a shop has, lowest first, for features that let a merchant pick ranks (a coupon for Gold and
 * above, survey results by rank). The ranks feature provides it; without it there are no ranks to pick.
 */
public interface RankLadder {

    record Rank(String code, int level, LocalizedText name) {
        public String name(Locale locale) {
            return name.get(locale);
        }
    }

    List<Rank> ranks();
}
