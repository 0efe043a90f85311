package dev.kizuna.core.intake;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.InvalidEventException;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host outbox: appended in the host's own JDBC transaction, relayed to the inbox exactly once. */
class HostOutboxTest {
    KizunaRuntime kizuna;

    @BeforeEach
    void install() {
        // No background relay: the tests relay by hand, to race two relays and to see what is left.
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.host-outbox.relay", "false"));
    }

    @AfterEach
    void close() {
        kizuna.close();
    }

    /** A connection of the host's own, as a shop's pool would give it: another schema, auto-commit off. */
    Connection hostConnection() throws SQLException {
        Connection c = DriverManager.getConnection(kizuna.context().config().jdbcUrl(), "postgres", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS shop");
            st.execute("CREATE TABLE IF NOT EXISTS shop.customer (id bigint PRIMARY KEY)");
            st.execute("SET search_path = shop");
        }
        c.setAutoCommit(false);
        return c;
    }

    static CustomerRegistered registered(String ref) {
        return new CustomerRegistered("reg-" + ref, Instant.parse("2026-05-01T01:00:00Z"), ref, ref + "@example.jp",
                "Hanako " + ref, LocalDate.of(1990, 4, 2), "ja", Map.of("mail", true));
    }

    long number(String sql) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql));
    }

    @Test
    void an_append_in_a_rolled_back_host_transaction_writes_nothing() throws Exception {
        try (Connection c = hostConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO customer (id) VALUES (1)");
            }
            kizuna.hostOutbox().append(c, List.of(registered("1")));
            c.rollback();
            // The host's own statements still see its search path after the append.
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO customer (id) VALUES (2)");
            }
            c.commit();
        }
        assertThat(kizuna.hostOutbox().drain()).isZero();
        assertThat(number("SELECT count(*) FROM host_outbox")).isZero();
        assertThat(number("SELECT count(*) FROM event_inbox")).isZero();
        assertThat(number("SELECT count(*) FROM member")).isZero();
        assertThat(number("SELECT count(*) FROM shop.customer")).isEqualTo(1);
    }

    @Test
    void an_invalid_event_is_refused_before_anything_is_appended() throws Exception {
        try (Connection c = hostConnection()) {
            CustomerRegistered bad = new CustomerRegistered("reg-bad", Instant.now(), "", "x@example.jp", "X", null,
                    "ja", Map.of());
            assertThatThrownBy(() -> kizuna.hostOutbox().append(c, List.of(registered("ok"), bad)))
                    .isInstanceOf(InvalidEventException.class);
            c.commit();
        }
        assertThat(number("SELECT count(*) FROM host_outbox")).isZero();
    }

    @Test
    void an_appended_event_is_sealed_until_the_relay_applies_it() throws Exception {
        try (Connection c = hostConnection()) {
            kizuna.hostOutbox().append(c, List.of(registered("7")));
            c.commit();
        }
        String stored = kizuna.context().database().inTransaction(tx ->
                tx.sql().one("SELECT payload || event_id || event_type || coalesce(subject, '') FROM host_outbox",
                        rs -> rs.getString(1)).orElseThrow());
        assertThat(stored).doesNotContain("example.jp").doesNotContain("Hanako").doesNotContain("1990");

        assertThat(kizuna.hostOutbox().relay(100)).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM host_outbox")).isZero();
        assertThat(number("SELECT count(*) FROM event_inbox WHERE event_id = 'reg-7' AND status = 'DONE'")).isEqualTo(1);
        assertThat(number("SELECT count(*) FROM member WHERE customer_ref = '7'")).isEqualTo(1);
    }

    @Test
    void committed_appends_are_delivered_exactly_once_with_two_relays_racing() throws Exception {
        int transactions = 60;
        int perTransaction = 5;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Integer> relay = () -> {
                go.await();
                int taken = 0;
                for (int i = 0; i < 400; i++) {
                    taken += kizuna.hostOutbox().relay(7);
                }
                return taken;
            };
            Future<Integer> first = pool.submit(relay);
            Future<Integer> second = pool.submit(relay);
            // The host appends while the relays run; some of its transactions roll back.
            Future<List<HostEvent>> appended = pool.submit(() -> {
                List<HostEvent> committed = new ArrayList<>();
                try (Connection c = hostConnection()) {
                    go.countDown();
                    for (int t = 0; t < transactions; t++) {
                        List<HostEvent> events = new ArrayList<>();
                        for (int i = 0; i < perTransaction; i++) {
                            events.add(registered(t + "-" + i));
                        }
                        kizuna.hostOutbox().append(c, events);
                        if (t % 4 == 3) {
                            c.rollback();
                        } else {
                            c.commit();
                            committed.addAll(events);
                            if (t % 3 == 0) {
                                kizuna.hostOutbox().deliverNow(events);
                            }
                        }
                    }
                }
                return committed;
            });
            List<HostEvent> committed = appended.get();
            int relayed = first.get() + second.get();
            int rest = kizuna.hostOutbox().drain();
            long expected = committed.size();
            assertThat(expected).isEqualTo(45L * perTransaction);
            assertThat(relayed + rest).isLessThanOrEqualTo((int) expected);
            assertThat(number("SELECT count(*) FROM host_outbox")).isZero();
            assertThat(number("SELECT count(*) FROM event_inbox WHERE status = 'DONE'")).isEqualTo(expected);
            assertThat(number("SELECT count(*) FROM member")).isEqualTo(expected);
            assertThat(number("SELECT count(*) FROM event_inbox WHERE event_id LIKE 'reg-3-%'"))
                    .as("a rolled-back transaction's events never arrive").isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
