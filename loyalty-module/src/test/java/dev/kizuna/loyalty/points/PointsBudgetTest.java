package dev.kizuna.loyalty.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budgets of point campaigns and of the rules' bonuses: once spent a budget gives nothing more, to the point, also
 * when many orders arrive at once; a yen budget counts points at the point value (2 yen here) and a per-day cap
 * starts again each shop day.
 */
@KizunaTest(config = {"kizuna.points.point-value=2"})
class PointsBudgetTest {
    private final PointsTestData data;
    private final ApiClient api;

    PointsBudgetTest(KizunaRuntime kizuna, ApiClient api) {
        this.data = new PointsTestData(kizuna);
        this.api = api;
    }

    private Reply call(String method, String path, String body) {
        return api.call(new ApiClient.Token(), "en", method, path, body);
    }

    /** The campaign's budget with its spend, as the API lists it. */
    private JsonNode budgetOf(long campaignId) {
        for (JsonNode b : call("GET", "/points/budgets", null).json()) {
            if (b.path("campaignId").asLong() == campaignId) {
                return b;
            }
        }
        throw new AssertionError("no budget for campaign " + campaignId);
    }

    /** A bonus-per-unit campaign for the month from {@code start}, with base earning off so only it earns. */
    private long campaign(Instant start, long perUnit) {
        assertThat(call("PUT", "/points/rules", "{\"baseRatePer100\":0}").status()).isEqualTo(200);
        Reply created = call("POST", "/points/campaigns", """
                {"name":{"ja":"予算つき","en":"Budgeted"},"kind":"BONUS_PER_UNIT","bonusPoints":%d,
                 "startsAt":"%s","endsAt":"%s"}""".formatted(perUnit, start, start.plus(Duration.ofDays(30))));
        assertThat(created.status()).isEqualTo(201);
        return created.json().at("/id").asLong();
    }

    @Test
    void a_budget_of_1000_points_gives_exactly_1000_to_16_concurrent_orders_that_want_more() throws Exception {
        Instant start = Instant.parse("2026-03-01T03:00:00Z");
        data.at(start);
        long id = campaign(start, 100);
        Reply budget = call("PUT", "/points/campaigns/" + id + "/budget", "{\"unit\":\"POINTS\",\"total\":1000}");
        assertThat(budget.status()).isEqualTo(200);
        for (int i = 0; i < 16; i++) {
            data.register("C-rush-" + i);
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<?>> orders = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            orders.add(pool.submit(() -> {
                gate.await();
                data.order("O-rush-" + n, "C-rush-" + n, List.of(line("TEA", 3, 1_000)));
                return null;
            }));
        }
        gate.countDown();
        for (Future<?> f : orders) {
            f.get();
        }
        pool.shutdown();

        assertThat(data.number("SELECT count(*) FROM points_order WHERE order_ref LIKE 'O-rush-%'")).isEqualTo(16);
        assertThat(data.number("SELECT sum(earned) FROM points_order WHERE order_ref LIKE 'O-rush-%'"))
                .as("16 orders wanted 4,800 points").isEqualTo(1000);
        assertThat(data.number("SELECT sum(points) FROM points_entry WHERE order_ref LIKE 'O-rush-%'")).isEqualTo(1000);
        assertThat(data.number("""
                SELECT sum(a.pending) FROM points_account a JOIN member m ON m.id = a.member_id
                WHERE m.customer_ref LIKE 'C-rush-%'""")).isEqualTo(1000);
        JsonNode spend = budgetOf(id);
        assertThat(spend.at("/spent").asLong()).isEqualTo(1000);
        assertThat(spend.at("/left").asLong()).isZero();

        data.order("O-rush-late", "C-rush-0", List.of(line("TEA", 3, 1_000)));
        assertThat(data.number("SELECT earned FROM points_order WHERE order_ref = 'O-rush-late'"))
                .as("a spent budget gives nothing").isZero();
    }

    @Test
    void a_yen_budget_per_day_counts_points_at_their_value_and_starts_again_the_next_shop_day() {
        Instant start = Instant.parse("2026-05-01T03:00:00Z");
        data.at(start);
        long id = campaign(start, 100);
        assertThat(call("PUT", "/points/campaigns/" + id + "/budget", "{\"unit\":\"YEN\",\"perDay\":300}").status())
                .isEqualTo(200);
        data.register("C-day");
        data.order("O-day-1", "C-day", List.of(line("TEA", 1, 1_000)));
        data.order("O-day-2", "C-day", List.of(line("TEA", 1, 1_000)));
        data.order("O-day-3", "C-day", List.of(line("TEA", 1, 1_000)));
        data.at(start.plus(Duration.ofDays(1)));
        data.order("O-day-4", "C-day", List.of(line("TEA", 1, 1_000)));

        assertThat(data.number("SELECT earned FROM points_order WHERE order_ref = 'O-day-1'")).isEqualTo(100);
        assertThat(data.number("SELECT earned FROM points_order WHERE order_ref = 'O-day-2'"))
                .as("300 yen a day buys 150 points at 2 yen").isEqualTo(50);
        assertThat(data.number("SELECT earned FROM points_order WHERE order_ref = 'O-day-3'")).isZero();
        assertThat(data.number("SELECT earned FROM points_order WHERE order_ref = 'O-day-4'")).isEqualTo(100);
        JsonNode spend = budgetOf(id);
        assertThat(spend.at("/spent").asLong()).as("yen, in all").isEqualTo(500);
        assertThat(spend.at("/spentToday").asLong()).isEqualTo(200);
    }

    @Test
    void the_rule_bonuses_share_one_budget_and_a_wrong_budget_is_refused_naming_its_field() {
        data.at(Instant.parse("2026-08-01T03:00:00Z"));
        assertThat(call("PUT", "/points/rules", "{\"baseRatePer100\":1,\"registrationBonus\":500}").status()).isEqualTo(200);
        long audits = data.number("SELECT count(*) FROM audit_log WHERE action = 'points.budget'");
        Reply refused = call("PUT", "/points/rules/budget", "{\"unit\":\"GOLD\",\"total\":800}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/field").asText()).isEqualTo("unit");
        assertThat(call("PUT", "/points/rules/budget", "{\"unit\":\"POINTS\"}").json().at("/field").asText())
                .isEqualTo("total");
        assertThat(data.number("SELECT count(*) FROM points_budget WHERE owner = 'rule-bonus'")).isZero();
        assertThat(call("PUT", "/points/rules/budget", "{\"unit\":\"POINTS\",\"total\":800}").status()).isEqualTo(200);
        assertThat(data.number("SELECT count(*) FROM audit_log WHERE action = 'points.budget'")).isEqualTo(audits + 1);

        long first = data.register("C-bonus-1");
        long second = data.register("C-bonus-2");
        long third = data.register("C-bonus-3");
        assertThat(data.balance(first).available()).isEqualTo(500);
        assertThat(data.balance(second).available()).as("what the budget had left").isEqualTo(300);
        assertThat(data.balance(third).available()).isZero();
        assertThat(call("PUT", "/points/rules/budget", "{\"unit\":\"YEN\",\"total\":5000}").json().at("/field").asText())
                .as("a budget that has given keeps its unit").isEqualTo("unit");
    }
}
