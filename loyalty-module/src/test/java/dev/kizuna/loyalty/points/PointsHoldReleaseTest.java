package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostOrders;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holds at checkout and the host's transaction: a reservation made in the host's transaction lives and dies with it,
 * and {@code points-hold-release} gives back only holds whose order the host does not have.
 */
class PointsHoldReleaseTest {
    static final Instant T0 = Instant.parse("2026-04-01T03:00:00Z");
    static final FakeHost host = new FakeHost();
    static KizunaRuntime kizuna;
    static PointsTestData data;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install(host, Map.of("kizuna.points.max-share-percent", "100",
                "kizuna.host-outbox.relay", "false"));
        data = new PointsTestData(kizuna);
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    static Connection hostConnection() throws SQLException {
        Connection c = DriverManager.getConnection(kizuna.context().config().jdbcUrl(), "postgres", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS shop");
            st.execute("SET search_path = shop");
        }
        c.setAutoCommit(false);
        return c;
    }

    /** The host's own order listing: only the orders the test says it has. */
    record Listing(List<String> has) implements HostOrders {
        @Override
        public List<HostOrder> changedBetween(Instant from, Instant to) {
            return List.of();
        }

        @Override
        public Optional<HostOrder> find(String orderId) {
            return has.contains(orderId)
                    ? Optional.of(new HostOrder(orderId, "C-hold", Status.PLACED, 1_000, 100, T0)) : Optional.empty();
        }

        @Override
        public List<HostEvent> eventsOf(String orderId) {
            return List.of();
        }
    }

    @Test
    void a_lapsed_hold_is_released_only_when_the_host_does_not_have_its_order() throws Exception {
        data.at(T0);
        long m = data.register("C-hold");
        data.grant(m, 1_000, "SURVEY", "hold-grant");
        host.orders = new Listing(List.of("O-listed"));
        try {
            for (String order : List.of("O-outbox", "O-listed", "O-received", "O-never")) {
                data.checkout().reserve("C-hold", order, "JPY", 1_000, 100);
            }
            // The host committed O-outbox with its event in the host outbox, not relayed yet.
            try (Connection c = hostConnection()) {
                kizuna.hostOutbox().append(c, List.of(PointsTestData.submitted("O-outbox", "C-hold", T0, 100,
                        List.of(line("TEA", 1, 1_000)))));
                c.commit();
            }
            // Kizuna received O-received, which then failed in a handler: still the host's order.
            data.sql("""
                    INSERT INTO event_inbox (event_id, event_type, provides, payload, occurred_at, status, attempts)
                    VALUES ('sub-O-received', 'OrderSubmitted', 'order:O-received', '{}', ?, 'FAILED', 1)""", T0);
            assertThat(data.balance(m)).isEqualTo(new PointsQueries.Balance(600, 0, 400, 0));

            data.at(T0.plus(Duration.ofMinutes(61)));
            assertThat(data.run("points-hold-release").outcome())
                    .isEqualTo("released 1 lapsed holds; kept 3 whose order the host has");
            assertThat(data.balance(m)).isEqualTo(new PointsQueries.Balance(700, 0, 300, 0));
            assertThat(data.number("SELECT count(*) FROM points_reservation WHERE status = 'RELEASED'")).isEqualTo(1);
            assertThat(data.number("SELECT count(*) FROM points_reservation WHERE order_ref = 'O-never' AND status = 'RELEASED'"))
                    .isEqualTo(1);

            data.at(T0.plus(Duration.ofDays(2)));
            assertThat(data.run("points-hold-release").outcome())
                    .isEqualTo("released 0 lapsed holds; kept 0 whose order the host has");
            assertThat(data.run("points-verification").outcome()).contains("every balance equals its entries");
        } finally {
            host.orders = null;
        }
    }

    @Test
    void a_reservation_in_the_host_transaction_is_undone_by_its_rollback_and_kept_by_its_commit() throws Exception {
        data.at(T0);
        long m = data.register("C-joined");
        data.grant(m, 500, "SURVEY", "joined-grant");
        long ledgerBefore = data.ledgerRows();
        try (Connection c = hostConnection()) {
            kizuna.hostOutbox().inHostTransaction(c, () -> {
                data.checkout().reserve("C-joined", "O-rolled-back", "JPY", 1_000, 200);
                data.checkout().commit("O-rolled-back");
            });
            c.rollback();
        }
        assertThat(data.balance(m)).isEqualTo(new PointsQueries.Balance(500, 0, 0, 0));
        assertThat(data.ledgerRows()).isEqualTo(ledgerBefore);
        assertThat(data.number("SELECT count(*) FROM points_reservation WHERE order_ref = 'O-rolled-back'")).isZero();

        try (Connection c = hostConnection()) {
            kizuna.hostOutbox().inHostTransaction(c, () -> {
                data.checkout().reserve("C-joined", "O-committed", "JPY", 1_000, 200);
                data.checkout().commit("O-committed");
            });
            // A refusal inside the host's transaction leaves the host to roll back; here the host commits the rest.
            assertThatThrownBy(() -> kizuna.hostOutbox().inHostTransaction(c, () ->
                    data.checkout().reserve("C-joined", "O-too-much", "JPY", 10_000, 400)))
                    .isInstanceOf(Conflict.class);
            c.commit();
        }
        assertThat(data.balance(m)).isEqualTo(new PointsQueries.Balance(300, 0, 0, 0));
        assertThat(data.number("SELECT count(*) FROM points_reservation WHERE order_ref = 'O-committed' AND status = 'COMMITTED'"))
                .isEqualTo(1);
    }
}
