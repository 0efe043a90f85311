package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.RankReevaluation;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.loyalty.rank.RankQueries.BenefitsView;
import dev.kizuna.loyalty.rank.RankQueries.Perks;
import dev.kizuna.loyalty.rank.RankQueries.RankView;
import dev.kizuna.loyalty.rank.RankQueries.ThresholdsView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.kizuna.loyalty.rank.RankTestData.tokyo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The level of the rank a member holds, kept on {@code member} for the customers list's rank sort: it follows every
 * upgrade and downgrade (recalculation and confirmation), a rank inserted below moves it, and the migration fills it
 * for ranks held before it was kept.
 */
@KizunaTest(perMethod = true)
class MemberRankLevelTest {
    static final Instant JULY_RUN = tokyo(2026, 7, 1, 3, 0, 0);

    KizunaRuntime kizuna;
    RankTestData data;

    @BeforeEach
    void install(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
        data = new RankTestData(kizuna);
    }

    long level(long memberId) {
        return data.number("SELECT rank_level FROM member WHERE id = ?", memberId);
    }

    @Test
    void the_level_follows_upgrades_by_recalculation_and_confirmation_and_the_downgrade() {
        long gold = data.member("C-gold");
        data.earnOrders(gold, 7, 100, tokyo(2026, 5, 10, 12, 0, 0));
        long silver = data.member("C-silver");
        Instant june = tokyo(2026, 6, 10, 12, 0, 0);
        data.earn(silver, "S-1", 100, june);
        long regular = data.member("C-regular");

        data.recalculate(JULY_RUN);
        assertThat(level(gold)).isEqualTo(2);
        assertThat(level(silver)).isZero();
        assertThat(level(regular)).isZero();

        data.earn(silver, "S-2", 100, june);
        kizuna.context().database().execute(tx ->
                kizuna.context().ports().require(RankReevaluation.class).reevaluate(tx, silver, JULY_RUN));
        assertThat(data.rank(silver)).isEqualTo("SILVER");
        assertThat(level(silver)).isEqualTo(1);

        data.recalculate(tokyo(2026, 12, 1, 3, 0, 0));
        assertThat(data.rank(gold)).isEqualTo("REGULAR");
        assertThat(level(gold)).as("dropped back to the base rank").isZero();
        assertThat(level(silver)).isEqualTo(1);
    }

    @Test
    void a_rank_inserted_below_moves_the_level_of_those_above_it() {
        long gold = data.member("C-gold");
        data.earnOrders(gold, 7, 100, tokyo(2026, 5, 10, 12, 0, 0));
        data.recalculate(JULY_RUN);
        assertThat(level(gold)).isEqualTo(2);

        kizuna.context().ports().require(RankQueries.class).createRank(new RankView("BRONZE", 1,
                LocalizedText.of("ブロンズ", "Bronze"), new ThresholdsView(50L, 1L, null),
                new BenefitsView(110, 10_000L, 50L, new Perks(List.of("ポイント1.1倍"), List.of("1.1× points")))), "test");

        assertThat(data.rank(gold)).isEqualTo("GOLD");
        assertThat(level(gold)).as("Gold is level 3 now").isEqualTo(3);
    }

    @Test
    void the_migration_fills_the_level_of_ranks_held_before_it_was_kept() throws IOException {
        long gold = data.member("C-gold");
        long diamond = data.member("C-diamond");
        long regular = data.member("C-regular");
        data.sql("INSERT INTO member_rank (member_id, rank_code, since, updated_at) VALUES (?, 'GOLD', now(), now()),"
                + " (?, 'DIAMOND', now(), now()), (?, 'REGULAR', now(), now())", gold, diamond, regular);
        assertThat(level(gold)).isZero();

        try (InputStream in = getClass().getResourceAsStream("/db/migration/ranks/V7__member_rank_level.sql")) {
            String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            data.sql(migration);
        }

        assertThat(level(gold)).isEqualTo(2);
        assertThat(level(diamond)).isEqualTo(4);
        assertThat(level(regular)).isZero();
    }
}
