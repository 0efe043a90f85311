package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.ports.Touchpoint;
import dev.kizuna.core.ports.TouchpointKind;
import dev.kizuna.core.ports.TouchpointSource;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The points feature's contribution to the customer timeline: its ledger entries, newest first, paged by keyset. */
@KizunaTest
class PointsTouchpointsTest {

    @Test
    void the_ledger_entries_are_touchpoints_newest_first_and_page_by_keyset(KizunaRuntime kizuna) {
        kizuna.publisher().publish(new CustomerRegistered("ev-tp-1", Instant.parse("2026-01-01T00:00:00Z"), "TP1",
                "tp1@example.jp", "Tanaka", null, "ja", Map.of()));
        RewardGranter granter = kizuna.context().ports().require(RewardGranter.class);
        long member = kizuna.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT id FROM member WHERE customer_ref = 'TP1'"));
        for (int i = 1; i <= 3; i++) {
            long points = i * 100L;
            String ref = "g" + i;
            kizuna.context().database().execute(tx -> granter.grant(tx, member, points, "ADMIN", ref, "bonus"));
        }
        TouchpointSource source = kizuna.context().ports().all(TouchpointSource.class).stream()
                .filter(s -> s.kinds().contains(TouchpointKind.POINTS)).findFirst().orElseThrow();
        List<Touchpoint> first = kizuna.context().database().inTransaction(tx -> source.before(tx, member,
                Set.of(TouchpointKind.POINTS), Instant.parse("9999-12-31T00:00:00Z"), "\uffff", 2));
        assertThat(first).extracting(t -> t.args().get(1)).containsExactly(300L, 200L);
        assertThat(first.get(0).args().get(0)).isEqualTo(new Touchpoint.Label("points.ledger-kind.GRANT"));
        Touchpoint last = first.get(1);
        List<Touchpoint> rest = kizuna.context().database().inTransaction(tx -> source.before(tx, member,
                Set.of(TouchpointKind.POINTS), last.at(), last.key(), 2));
        assertThat(rest).extracting(t -> t.args().get(1)).containsExactly(100L);
    }
}
