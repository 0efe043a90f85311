package dev.kizuna.loyalty.rank;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A merge gives the survivor the higher of the two ranks and the merged member's rank history. */
@KizunaTest
class RanksMergeTest {

    static void member(KizunaRuntime kizuna, String ref, String rank) {
        kizuna.publisher().publish(new CustomerRegistered("reg-" + ref, Instant.parse("2026-01-05T01:00:00Z"), ref,
                ref.toLowerCase() + "@example.jp", "ランク " + ref, null, "ja", Map.of()));
        if (rank != null) {
            kizuna.context().database().inTransaction(tx -> {
                long id = tx.sql().number("SELECT id FROM member WHERE customer_ref = ?", ref);
                tx.sql().update("""
                        INSERT INTO member_rank (member_id, rank_code, since, updated_at) VALUES (?, ?, now(), now())""",
                        id, rank);
                return tx.sql().update("""
                        INSERT INTO rank_history (member_id, from_code, to_code, change, trigger, changed_at, points, orders,
                               spend, window_from, window_to)
                        VALUES (?, 'REGULAR', ?, 'UPGRADE', 'RECALCULATION', now(), 900, 8, 80000, '2025-08-01', '2026-01-31')""",
                        id, rank);
            });
        }
    }

    static String rank(KizunaRuntime kizuna, String ref) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one("""
                SELECT r.rank_code FROM member_rank r JOIN member m ON m.id = r.member_id WHERE m.customer_ref = ?""",
                rs -> rs.getString(1), ref).orElse("REGULAR"));
    }

    static long history(KizunaRuntime kizuna, String ref) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number("""
                SELECT count(*) FROM rank_history h JOIN member m ON m.id = h.member_id WHERE m.customer_ref = ?""", ref));
    }

    @Test
    void the_survivor_keeps_the_higher_rank_and_both_histories(KizunaRuntime kizuna) {
        member(kizuna, "RK-SILVER", "SILVER");
        member(kizuna, "RK-GOLD", "GOLD");
        kizuna.publisher().publish(new CustomerMerged("merge-rk-1", Instant.now(), "RK-SILVER", "RK-GOLD"));
        assertThat(rank(kizuna, "RK-SILVER")).isEqualTo("GOLD");
        assertThat(rank(kizuna, "RK-GOLD")).isEqualTo("REGULAR");
        assertThat(history(kizuna, "RK-SILVER")).isEqualTo(2);
        assertThat(history(kizuna, "RK-GOLD")).isZero();
    }

    @Test
    void a_lower_or_base_rank_merged_in_leaves_the_survivors_rank(KizunaRuntime kizuna) {
        member(kizuna, "RK-PLAT", "PLATINUM");
        member(kizuna, "RK-SIL2", "SILVER");
        member(kizuna, "RK-BASE", null);
        kizuna.publisher().publish(new CustomerMerged("merge-rk-2", Instant.now(), "RK-PLAT", "RK-SIL2"));
        kizuna.publisher().publish(new CustomerMerged("merge-rk-3", Instant.now(), "RK-PLAT", "RK-BASE"));
        assertThat(rank(kizuna, "RK-PLAT")).isEqualTo("PLATINUM");
        assertThat(rank(kizuna, "RK-SIL2")).isEqualTo("REGULAR");
    }
}
