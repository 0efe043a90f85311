package dev.kizuna.loyalty.rank;

import dev.kizuna.core.errors.InvalidInput;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.loyalty.rank.RankQueries.BenefitsView;
import dev.kizuna.loyalty.rank.RankQueries.Perks;
import dev.kizuna.loyalty.rank.RankQueries.ProgramSettings;
import dev.kizuna.loyalty.rank.RankQueries.RankView;
import dev.kizuna.loyalty.rank.RankQueries.ThresholdsView;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankProgramRulesTest {
    static final RankProgram LADDER = Ladders.standard(DowngradePolicy.IMMEDIATELY);

    static RankView rank(String code, Integer level, Long points, Long orders) {
        return new RankView(code, level, LocalizedText.of("ブロンズ", "Bronze"), new ThresholdsView(points, orders, null),
                new BenefitsView(110, 10_000L, 50L, new Perks(List.of("送料割引"), List.of("Shipping discount"))));
    }

    static void rejects(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidInput.class).extracting("field").isEqualTo(field);
    }

    @Test
    void a_rank_inserted_between_others_moves_the_ranks_above_it_up() {
        RankProgram p = RankProgramRules.withNewRank(LADDER, rank("BRONZE", 1, 100L, 1L));
        assertThat(p.ranks()).extracting(RankDefinition::code)
                .containsExactly("REGULAR", "BRONZE", "SILVER", "GOLD", "PLATINUM", "DIAMOND");
        assertThat(p.ranks()).extracting(RankDefinition::level).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(p.find("BRONZE").orElseThrow().perksEn()).containsExactly("Shipping discount");
    }

    @Test
    void a_rank_without_a_level_goes_on_top_and_must_ask_more_than_the_top() {
        RankProgram p = RankProgramRules.withNewRank(LADDER, rank("BLACK", null, 8000L, 50L));
        assertThat(p.ranks().get(5).code()).isEqualTo("BLACK");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("BLACK", null, 3000L, 50L)), "thresholds.points");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("BLACK", null, 4000L, 30L)), "thresholds");
    }

    @Test
    void a_lower_rank_cannot_ask_more_than_the_rank_above_it() {
        RankView tooMuch = rank("BRONZE", 1, 300L, 1L);
        assertThatThrownBy(() -> RankProgramRules.withNewRank(LADDER, tooMuch))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("at most 200");
    }

    @Test
    void every_field_is_checked_by_name() {
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("silver", null, 9000L, 40L)), "code");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("GOLD", null, 9000L, 40L)), "code");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("BLACK", 9, 9000L, 40L)), "level");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("BLACK", 0, 9000L, 40L)), "level");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("BLACK", null, null, null)), "thresholds");
        rejects(() -> RankProgramRules.withNewRank(LADDER, rank("BLACK", null, 0L, 40L)), "thresholds.points");
        rejects(() -> RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of("", "Black"),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(400, null, null, null))), "name.ja");
        rejects(() -> RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of("ブラック", "Black"),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(null, null, null, null))),
                "benefits.pointMultiplierPercent");
        rejects(() -> RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of("ブラック", "Black"),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(5000, null, null, null))),
                "benefits.pointMultiplierPercent");
        rejects(() -> RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of("ブラック", "Black"),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(400, -1L, null, null))),
                "benefits.freeShippingThreshold");
        rejects(() -> RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of("ブラック", "Black"),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(400, null, null,
                new Perks(List.of("ok", " "), List.of())))), "benefits.perks.ja[1]");
        rejects(() -> RankProgramRules.withSettings(LADDER, new ProgramSettings(0, DowngradePolicy.IMMEDIATELY)), "windowMonths");
        rejects(() -> RankProgramRules.withSettings(LADDER, new ProgramSettings(6, null)), "downgradePolicy");
    }

    @Test
    void a_rank_named_only_in_japanese_shows_that_name_to_english_readers() {
        RankProgram p = RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of("ブラック", null),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(400, null, null, null)));
        assertThat(p.find("BLACK").orElseThrow().name().en()).isEqualTo("ブラック");
        rejects(() -> RankProgramRules.withNewRank(LADDER, new RankView("BLACK", null, LocalizedText.of(null, "Black"),
                new ThresholdsView(9000L, 40L, null), new BenefitsView(400, null, null, null))), "name.ja");
    }

    @Test
    void the_base_rank_keeps_level_zero_and_has_no_thresholds() {
        RankView base = RankProgramRules.view(LADDER.base());
        rejects(() -> RankProgramRules.withUpdatedRank(LADDER, "REGULAR", new RankView(null, 1, base.name(),
                base.thresholds(), base.benefits())), "level");
        rejects(() -> RankProgramRules.withUpdatedRank(LADDER, "REGULAR", new RankView(null, null, base.name(),
                new ThresholdsView(1L, null, null), base.benefits())), "thresholds");
        RankProgram renamed = RankProgramRules.withUpdatedRank(LADDER, "REGULAR", new RankView(null, null,
                LocalizedText.of("一般", "Member"), base.thresholds(), base.benefits()));
        assertThat(renamed.base().name().en()).isEqualTo("Member");
        assertThat(renamed.ranks()).extracting(RankDefinition::level).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void updating_a_rank_can_change_its_thresholds_within_its_neighbours_but_not_its_code() {
        RankView gold = RankProgramRules.view(LADDER.find("GOLD").orElseThrow());
        RankProgram p = RankProgramRules.withUpdatedRank(LADDER, "GOLD", new RankView("GOLD", null, gold.name(),
                new ThresholdsView(1000L, 10L, null), gold.benefits()));
        assertThat(p.find("GOLD").orElseThrow().thresholds().minPoints()).isEqualTo(1000L);
        rejects(() -> RankProgramRules.withUpdatedRank(LADDER, "GOLD", new RankView("GOLDEN", null, gold.name(),
                gold.thresholds(), gold.benefits())), "code");
        rejects(() -> RankProgramRules.withUpdatedRank(LADDER, "GOLD", new RankView(null, null, gold.name(),
                new ThresholdsView(2500L, 7L, null), gold.benefits())), "thresholds.points");
    }

    @Test
    void moving_a_rank_keeps_levels_contiguous() {
        // Make the ladder's Silver and Gold swap places: only valid if the thresholds fit; here they do not.
        RankView silver = RankProgramRules.view(LADDER.find("SILVER").orElseThrow());
        rejects(() -> RankProgramRules.withUpdatedRank(LADDER, "SILVER", new RankView(null, 2, silver.name(),
                silver.thresholds(), silver.benefits())), "thresholds.points");
        RankProgram moved = RankProgramRules.withUpdatedRank(LADDER, "SILVER", new RankView(null, 2, silver.name(),
                new ThresholdsView(1000L, 10L, null), silver.benefits()));
        assertThat(moved.ranks()).extracting(RankDefinition::code)
                .containsExactly("REGULAR", "GOLD", "SILVER", "PLATINUM", "DIAMOND");
        assertThat(moved.ranks()).extracting(RankDefinition::level).containsExactly(0, 1, 2, 3, 4);
    }
}
