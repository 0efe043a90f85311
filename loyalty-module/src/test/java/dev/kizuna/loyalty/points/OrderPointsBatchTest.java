package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.EventPublisher.Outcome;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Orders taken in one published batch earn exactly what the same orders earn published one by one. */
class OrderPointsBatchTest {
    static KizunaRuntime kizuna;
    static PointsTestData data;
    static final Instant T0 = Instant.parse("2026-03-01T03:00:00Z");

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.points.first-order-bonus", "50"));
        data = new PointsTestData(kizuna);
        data.at(T0);
        // A rule version and a campaign that start between the orders, so orders of one batch earn by different terms.
        data.sql("""
                INSERT INTO points_rule (version, base_rate_per_100, registration_bonus, first_order_bonus, effective_from,
                       created_at, created_by) VALUES (1, 2, 0, 80, ?, ?, 'test')""", T0.plusSeconds(30), T0);
        data.sql("""
                INSERT INTO points_campaign (name_ja, name_en, kind, multiplier_percent, bonus_points, categories, skus,
                       starts_at, ends_at, created_at, created_by)
                VALUES ('茶', 'Tea', 'BONUS_PER_UNIT', NULL, 7, '{tea}', '{}', ?, ?, ?, 'test')""",
                T0.plusSeconds(50), T0.plusSeconds(3600), T0);
    }

    @AfterAll
    static void close() {
        kizuna.close();
    }

    /** Orders of customers {@code a} and {@code b}: a orders three times, b once and earlier in another currency. */
    static List<OrderSubmitted> orders(String prefix, String a, String b, String gold) {
        List<OrderSubmitted> out = new ArrayList<>();
        out.add(PointsTestData.submitted(prefix + "-1", a, T0.plusSeconds(10), 0, List.of(line("TEA", 2, 1_800), line("CUP", 1, 2_400))));
        OrderSubmitted dollars = PointsTestData.submitted(prefix + "-2", b, T0.plusSeconds(20), 0, List.of(line("TEA", 1, 900)));
        out.add(new OrderSubmitted(dollars.eventId(), dollars.occurredAt(), dollars.orderId(), b, "USD", dollars.channel(),
                dollars.lines(), dollars.merchandiseTotal(), 0, 0, 0, 0, null, dollars.grandTotal()));
        out.add(PointsTestData.submitted(prefix + "-3", a, T0.plusSeconds(40), 0, List.of(line("TEA", 1, 5_000))));
        out.add(PointsTestData.submitted(prefix + "-4", b, T0.plusSeconds(60), 0, List.of(line("TEA", 3, 1_000), line("CUP", 1, 3_000))));
        out.add(PointsTestData.submitted(prefix + "-5", a, T0.plusSeconds(70), 0, List.of(line("CUP", 1, 10_000))));
        out.add(PointsTestData.submitted(prefix + "-6", gold, T0.plusSeconds(80), 0, List.of(line("CUP", 1, 10_000))));
        return out;
    }

    /** What each order earned and how, in list order, and each customer's pending balance. */
    static List<String> earnings(String prefix, String... customers) {
        List<String> out = new ArrayList<>(data.tx(tx -> tx.sql().list("""
                SELECT rank_code, rank_multiplier_percent, coalesce(rule_version, 0), campaign_ids::text, line_points::text,
                       order_bonus, earned, (SELECT count(*) FROM points_entry e WHERE e.order_ref = o.order_ref AND e.kind = 'EARN')
                FROM points_order o WHERE order_ref LIKE ? ORDER BY order_ref""",
                rs -> rs.getString(1) + " x" + rs.getInt(2) + " v" + rs.getInt(3) + " c" + rs.getString(4) + " "
                        + rs.getString(5) + " +" + rs.getLong(6) + " =" + rs.getLong(7) + " entries " + rs.getLong(8),
                prefix + "-%")));
        for (String c : customers) {
            out.add(data.balance(data.member(c)).toString());
        }
        return out;
    }

    @Test
    void a_batch_of_orders_earns_what_the_same_orders_earn_one_by_one() {
        List<String> oneByOne = new ArrayList<>();
        List<String> batched = new ArrayList<>();
        for (String mode : List.of("single", "batch")) {
            String a = mode + "-a";
            String b = mode + "-b";
            String gold = mode + "-gold";
            data.register(b);
            // a and gold arrive with their first order; gold holds a rank with a multiplier.
            long goldMember = data.member(gold);
            data.sql("INSERT INTO member_rank (member_id, rank_code, since, updated_at) VALUES (?, 'GOLD', ?, ?)",
                    goldMember, T0, T0);
            List<OrderSubmitted> orders = orders(mode, a, b, gold);
            if (mode.equals("single")) {
                orders.forEach(o -> assertThat(kizuna.publisher().publish(o)).isEqualTo(Outcome.APPLIED));
                oneByOne.addAll(earnings(mode, a, b, gold));
            } else {
                assertThat(kizuna.publisher().publishAll(orders)).containsOnly(Outcome.APPLIED);
                assertThat(kizuna.publisher().publishAll(orders)).containsOnly(Outcome.DUPLICATE);
                batched.addAll(earnings(mode, a, b, gold));
            }
        }
        assertThat(batched).containsExactlyElementsOf(oneByOne);
        // The figures themselves (by order ref; the dollar order earns nothing): a's first order earns the default
        // first-order bonus, later ones none; the version in force from +30 s doubles the rate and its first-order
        // bonus is 80; the tea campaign from +50 s adds 7 per unit; gold earns ×1.5.
        assertThat(oneByOne.get(0)).endsWith("+50 =110 entries 1");
        assertThat(oneByOne.get(1)).endsWith("+0 =100 entries 1");
        assertThat(oneByOne.get(2)).isEqualTo("REGULAR x100 v1 c{1} {81,67} +80 =228 entries 1");
        assertThat(oneByOne.get(3)).endsWith("{207} +0 =207 entries 1");
        assertThat(oneByOne.get(4)).startsWith("GOLD x150 v1").endsWith("{307} +80 =387 entries 1");
        assertThat(oneByOne.get(5)).contains("pending=417");
    }
}
