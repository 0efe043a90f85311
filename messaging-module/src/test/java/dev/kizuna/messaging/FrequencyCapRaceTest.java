package dev.kizuna.messaging;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.messaging.journey.ShippedJourneys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast and a journey tick deciding for the same customer at the same moment, with a cap of one marketing
 * message a week: the customer gets exactly one. The broadcast's batch is held open after it decided (its message
 * row waits behind a row another connection is inserting) while the tick runs, which is the moment both used to
 * count zero messages and both send.
 */
class FrequencyCapRaceTest {
    KizunaRuntime kizuna;
    ApiClient api;

    @AfterEach
    void stop() {
        api.close();
        kizuna.close();
    }

    @Test
    void a_broadcast_and_a_journey_step_at_once_send_one_message_under_a_cap_of_one() throws Exception {
        FakeHost host = new FakeHost();
        kizuna = TestKizuna.install(host, Map.of("kizuna.messaging.cap-per-week", "1", "kizuna.messaging.quiet-hours", ""));
        api = new ApiClient(kizuna);
        MessagingWorld world = new MessagingWorld(kizuna, host, api);
        Instant left = MessagingWorld.tokyo(LocalDate.of(2026, 3, 2), 11, 0);
        world.clock(left);
        kizuna.context().database().execute(tx -> tx.sql().update(
                "UPDATE journey SET active = (key = ?), holdout_percent = 0", ShippedJourneys.CART_REMINDER));
        long member = world.customer("R-1", "ja", true);
        world.cartAbandoned("R-1", left);
        world.clock(left.plus(Duration.ofMinutes(61)));

        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"お知らせ","en":"News"},"audience":{"all":true},"channel":"mail",
                 "subject":{"ja":"${name}様","en":"${name}"},"body":{"ja":"<p>本文</p>","en":"<p>Body</p>"},
                 "holdoutPercent":0}""");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long broadcast = created.json().get("id").asLong();
        assertThat(api.call(new ApiClient.Token(), "POST", "/broadcasts/" + broadcast + "/send", null).status())
                .isEqualTo(202);

        String url = kizuna.context().config().jdbcUrl();
        try (Connection holder = DriverManager.getConnection(url, "postgres", "");
             Connection watcher = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            try (PreparedStatement st = holder.prepareStatement("""
                    INSERT INTO kizuna.message (member_id, source, campaign_id, entry_id, step, channel, purpose, status,
                                                decided_at)
                    VALUES (?, 'BROADCAST', ?, 0, 0, 'MAIL', 'MARKETING', 'FAILED', now())""")) {
                st.setLong(1, member);
                st.setLong(2, broadcast);
                st.executeUpdate();
            }
            CompletableFuture<Void> send = CompletableFuture.runAsync(() -> world.run("broadcast-send"));
            awaitTrue(() -> waiting(watcher) == 1, "the broadcast's batch waits with its decision made");

            CompletableFuture<Void> tick = CompletableFuture.runAsync(() -> world.run("journey-tick"));
            awaitTrue(() -> tick.isDone() || waiting(watcher) == 2, "the tick either ran or waits for the broadcast");
            holder.rollback();
            send.get(60, TimeUnit.SECONDS);
            tick.get(60, TimeUnit.SECONDS);
        }

        assertThat(world.mailsTo("R-1")).hasSize(1);
        assertThat(world.number("SELECT count(*) FROM message WHERE member_id = ? AND status = 'SENT'", member))
                .isEqualTo(1);
        assertThat(world.number("SELECT count(*) FROM message WHERE member_id = ? AND status = 'CAPPED'", member))
                .isEqualTo(1);
    }

    /** How many sessions of this database wait for a lock. */
    private static long waiting(Connection c) {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = current_database()""")) {
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(20);
        }
    }
}
