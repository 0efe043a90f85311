package dev.kizuna.core.ports;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** Refuses rank codes that are not on the ladder, naming {@code field}; without the ranks feature none is. */
    static void requireListed(Optional<RankLadder> ladder, List<String> codes, String field) {
        for (String code : codes) {
            if (ladder.map(l -> l.ranks().stream().noneMatch(r -> r.code().equals(code))).orElse(true)) {
                throw new InvalidInput(field, "unknown-rank", code);
            }
        }
    }
}
