package dev.kizuna.segment.prediction;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.segment.ShopHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The sales forecast ltv-fit stores beside its model: the 52-week figure of the known customers is the sum of their
 * own predictions, and the back-test counts what customers bought in each week after the cutoff exactly.
 */
@KizunaTest
class SalesForecastJobTest {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    /** Back-tested weeks run from the day before today back: days 1–91 before yesterday's end. */
    static final LocalDate CUTOFF = TODAY.minusDays(1).minusDays(7 * 13);

    private static final long[] ACTUAL_BY_WEEK = new long[13];
    private static long actualNewPurchaseDays;

    @BeforeAll
    static void history(KizunaRuntime kizuna) {
        ShopHistory shop = new ShopHistory(kizuna);
        Random random = new Random(17);
        Set<String> days = new HashSet<>();
        for (int c = 0; c < 60; c++) {
            String ref = "C" + c;
            shop.customer(ref, "Customer " + c);
            // most customers start before the cutoff; the last ten are new in the back-test weeks
            int first = c < 50 ? 100 + random.nextInt(260) : 2 + random.nextInt(85);
            int orders = 1 + random.nextInt(c % 3 == 0 ? 8 : 3);
            for (int o = 0; o < orders; o++) {
                int daysBefore = o == 0 ? first : 1 + random.nextInt(first);
                shop.order(ref, ShopHistory.noon(TODAY, daysBefore), 1_000 + random.nextInt(9_000));
                LocalDate day = TODAY.minusDays(daysBefore);
                long sinceCutoff = ChronoUnit.DAYS.between(CUTOFF, day);
                if (sinceCutoff >= 1 && sinceCutoff <= 91 && days.add(ref + day)) {
                    ACTUAL_BY_WEEK[(int) ((sinceCutoff - 1) / 7)]++;
                    if (c >= 50) {
                        actualNewPurchaseDays++;
                    }
                }
            }
        }
        shop.clock(ShopHistory.noon(TODAY, 0));
        shop.run(LtvFitJob.NAME);
    }

    @Test
    void the_forecast_of_known_customers_is_the_sum_of_their_predictions(ApiClient api, KizunaRuntime kizuna) {
        JsonNode forecast = api.call(new ApiClient.Token(), "GET", "/ltv/forecast", null).json();
        JsonNode horizons = forecast.get("horizons");
        assertThat(horizons).hasSize(3);
        assertThat(horizons.get(0).get("weeks").asInt()).isEqualTo(4);
        assertThat(horizons.get(2).get("weeks").asInt()).isEqualTo(52);
        double[] predicted = kizuna.context().database().inTransaction(tx -> tx.sql().one(
                "SELECT sum(expected_purchases), sum(predicted_value), count(*) FROM ltv_score",
                rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3)})).orElseThrow();
        JsonNode year = horizons.get(2);
        assertThat(year.get("existingOrders").asDouble()).isCloseTo(predicted[0], offset(1e-6));
        // each stored prediction is rounded to a yen
        assertThat(year.get("existingRevenue").asDouble()).isCloseTo(predicted[1], offset(predicted[2] / 2));
        assertThat(horizons.get(0).get("orders").asDouble()).isPositive()
                .isLessThan(horizons.get(1).get("orders").asDouble());
        assertThat(horizons.get(1).get("orders").asDouble()).isLessThan(year.get("orders").asDouble());
        // ten customers first bought in the last 91 days: 10/13 a week
        assertThat(year.get("newCustomers").asDouble()).isCloseTo(52 * 10 / 13.0, offset(1e-9));
        assertThat(year.get("newOrders").asDouble()).isGreaterThan(year.get("newCustomers").asDouble());
    }

    @Test
    void the_back_test_counts_each_week_after_the_cutoff(ApiClient api) {
        JsonNode weeks = api.call(new ApiClient.Token(), "GET", "/ltv/forecast", null).json().get("backtest");
        assertThat(weeks).hasSize(13);
        long newDays = 0;
        for (int w = 0; w < 13; w++) {
            JsonNode week = weeks.get(w);
            assertThat(week.get("week").asInt()).isEqualTo(w + 1);
            assertThat(week.get("weekStart").asText()).isEqualTo(CUTOFF.plusDays(7L * w + 1).toString());
            assertThat(week.get("actualOrders").asLong()).as("week %d", w + 1).isEqualTo(ACTUAL_BY_WEEK[w]);
            assertThat(week.get("forecastOrders").asDouble()).isPositive();
            newDays += week.get("actualNew").asLong();
        }
        assertThat(newDays).isEqualTo(actualNewPurchaseDays);
    }
}
