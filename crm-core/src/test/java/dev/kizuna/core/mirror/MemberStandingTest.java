package dev.kizuna.core.mirror;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerMerged;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.OrderCancelled;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the mirror keeps on a member from their orders, as the journey reports read it: the first order not cancelled,
 * its channel and main category, whatever order the events come in, and the times of the first three orders and of every one
 * within 400 days of the first; recounted when an order is cancelled and when two customers are merged.
 */
@KizunaTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberStandingTest {
    static final Instant T0 = Instant.parse("2025-01-10T01:00:00Z");
    final KizunaRuntime kizuna;

    MemberStandingTest(KizunaRuntime kizuna) {
        this.kizuna = kizuna;
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    void publish(HostEvent event) {
        assertThat(kizuna.publisher().publishAll(List.of(event))).containsOnly(Outcome.APPLIED);
    }

    String order(String customer, int days, OrderSubmitted.Channel channel) {
        String ref = "O-" + id();
        publish(new OrderSubmitted(id(), T0.plus(Duration.ofDays(days)), ref, customer, "JPY", channel,
                // the store sells teaware beside a cheaper tea, the web shop tea alone
                channel == OrderSubmitted.Channel.STORE
                        ? List.of(new OrderSubmitted.OrderLine("SKU-1", "tea", 1, 400, 0),
                                  new OrderSubmitted.OrderLine("SKU-2", "teaware", 1, 600, 0))
                        : List.of(new OrderSubmitted.OrderLine("SKU-1", "tea", 1, 1000, 0)),
                1000, 0, 0, 0, 0, null, 1000));
        return ref;
    }

    record Standing(long spend, String firstChannel, String firstCategory, List<Long> days) {
    }

    Standing standing(String customer) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().one("""
                SELECT spend, first_order_channel, first_order_category, order_times FROM member WHERE customer_ref = ?""", rs -> {
            java.sql.Array times = rs.getArray(4);
            List<Long> days = times == null ? List.of() : Arrays.stream((Long[]) times.getArray())
                    .map(t -> (t - T0.getEpochSecond()) / 86_400).toList();
            return new Standing(rs.getLong(1), rs.getString(2), rs.getString(3), days);
        }, customer).orElseThrow());
    }

    @Test
    void the_first_order_is_the_earliest_kept_one_and_the_times_stop_400_days_after_it() {
        String hanako = "C-" + id();
        order(hanako, 10, OrderSubmitted.Channel.WEB);
        // placed in the store before the web order, reported after it
        String store = order(hanako, 0, OrderSubmitted.Channel.STORE);
        order(hanako, 20, OrderSubmitted.Channel.WEB);
        order(hanako, 30, OrderSubmitted.Channel.WEB);
        order(hanako, 405, OrderSubmitted.Channel.WEB);
        assertThat(standing(hanako)).isEqualTo(new Standing(5000, "STORE", "teaware", List.of(0L, 10L, 20L, 30L)));

        publish(new OrderCancelled(id(), T0.plus(Duration.ofDays(1)), store));
        // the web order of day 10 is now the first, and day 405 falls within 400 days of it
        assertThat(standing(hanako)).isEqualTo(new Standing(4000, "WEB", "tea", List.of(10L, 20L, 30L, 405L)));
    }

    @Test
    void the_first_three_orders_count_however_far_apart() {
        String taro = "C-" + id();
        order(taro, 0, OrderSubmitted.Channel.WEB);
        order(taro, 500, OrderSubmitted.Channel.WEB);
        order(taro, 900, OrderSubmitted.Channel.WEB);
        order(taro, 950, OrderSubmitted.Channel.WEB);
        assertThat(standing(taro).days()).containsExactly(0L, 500L, 900L);
    }

    @Test
    void a_merge_gives_the_survivor_the_earliest_first_order_of_both() {
        String survivor = "C-" + id();
        String merged = "C-" + id();
        order(survivor, 30, OrderSubmitted.Channel.WEB);
        order(merged, 5, OrderSubmitted.Channel.STORE);
        publish(new CustomerMerged(id(), T0.plus(Duration.ofDays(40)), survivor, merged));
        assertThat(standing(survivor)).isEqualTo(new Standing(2000, "STORE", "teaware", List.of(5L, 30L)));
        assertThat(standing(merged)).isEqualTo(new Standing(0, null, null, List.of()));
    }

    /** Runs last: it takes the columns away and has the migration bring them back over the other tests' members. */
    @Test
    @Order(Integer.MAX_VALUE)
    void the_migration_fills_what_the_mirror_keeps_for_orders_taken_before_it() throws IOException {
        String taro = "C-" + id();
        order(taro, 0, OrderSubmitted.Channel.STORE);
        order(taro, 500, OrderSubmitted.Channel.WEB);
        List<String> everyone = kizuna.context().database().inTransaction(tx ->
                tx.sql().list("SELECT customer_ref FROM member ORDER BY id", rs -> rs.getString(1)));
        List<Standing> kept = everyone.stream().map(this::standing).toList();
        assertThat(kept).contains(new Standing(2000, "STORE", "teaware", List.of(0L, 500L)));

        try (InputStream in = getClass().getResourceAsStream("/db/migration/core/V19__member_journey_standing.sql")) {
            String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            kizuna.context().database().execute(tx -> {
                tx.sql().update("""
                        ALTER TABLE member DROP COLUMN first_order_id, DROP COLUMN first_order_channel,
                                           DROP COLUMN first_order_category, DROP COLUMN order_times""");
                tx.sql().update(migration);
            });
        }

        assertThat(everyone.stream().map(this::standing).toList()).isEqualTo(kept);
    }
}
