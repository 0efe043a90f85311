package dev.kizuna.loyalty.rank;

import dev.kizuna.core.text.LocalizedText;

import java.util.List;

/** The default ladder of the migration, for tests that need a realistic program without a database. */
final class Ladders {
    private Ladders() {
    }

    static RankDefinition rank(String code, int level, Long points, Long orders, Long spend, int multiplier) {
        return new RankDefinition(code, level,
                LocalizedText.of(code + "-ja", code.charAt(0) + code.substring(1).toLowerCase()),
                new Thresholds(points, orders, spend), multiplier, null, 0, List.of("特典 " + code), List.of("perk " + code));
    }

    static RankProgram standard(DowngradePolicy policy) {
        return new RankProgram(6, policy, List.of(
                rank("REGULAR", 0, null, null, null, 100),
                rank("SILVER", 1, 200L, 2L, null, 120),
                rank("GOLD", 2, 700L, 7L, null, 150),
                rank("PLATINUM", 3, 2000L, 15L, null, 200),
                rank("DIAMOND", 4, 4000L, 30L, null, 300)));
    }
}
