package dev.kizuna.loyalty.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monthly points accounts over a quarter of earning, bonuses, redemption, a cancel, a return and expiry: each
 * month's opening and movements give its closing, each closing is the next opening, every closing is what the ledger
 * held at that month's end, and the last closes at the sum of all accounts' balances, to the point.
 */
@KizunaTest(config = {"kizuna.points.expiry-months=1", "kizuna.points.return-window-days=0"})
class PointsStatementTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private final PointsTestData data;
    private final ApiClient api;

    PointsStatementTest(KizunaRuntime kizuna, ApiClient api) {
        this.data = new PointsTestData(kizuna);
        this.api = api;
    }

    static Instant tokyo(int month, int day) {
        return ZonedDateTime.of(2026, month, day, 12, 0, 0, 0, TOKYO).toInstant();
    }

    /** What the ledger's entries before the start of {@code next} add up to: the liability at the month's end. */
    long ledgerBefore(YearMonth next) {
        return data.number("SELECT coalesce(sum(d_available + d_pending + d_reserved - d_debt), 0) FROM points_entry "
                + "WHERE created_at < ?", next.atDay(1).atStartOfDay(TOKYO).toInstant());
    }

    @Test
    void the_statement_reconciles_to_the_ledger_and_closes_at_the_sum_of_all_balances() {
        data.at(tokyo(1, 5));
        assertThat(api.call(new ApiClient.Token(), "PUT", "/points/rules",
                "{\"baseRatePer100\":1,\"registrationBonus\":50}").status()).isEqualTo(200);
        long a = data.register("C-st-a");
        long b = data.register("C-st-b");
        data.register("C-st-c");
        data.order("O-st-1", "C-st-a", List.of(line("TEA", 1, 10_000)));
        data.order("O-st-2", "C-st-b", List.of(line("TEA", 1, 5_000), line("CUP", 1, 2_000)));
        data.order("O-st-3", "C-st-c", List.of(line("TEA", 1, 3_000)));
        data.deliver("O-st-1");
        data.deliver("O-st-2");
        data.run("points-confirmation");
        data.cancel("O-st-3");
        data.at(tokyo(1, 20));
        data.checkout().reserve("C-st-a", "O-st-4", "JPY", 2_000, 60);
        data.checkout().commit("O-st-4");
        data.order("O-st-4", "C-st-a", 60, List.of(line("POT", 1, 2_000)));
        data.grant(b, 20, "SURVEY", "r-st");
        data.at(tokyo(2, 3));
        data.returnLines("O-st-2", new dev.kizuna.core.spi.OrderReturned.ReturnedLine("CUP", 1));
        data.at(tokyo(2, 25));
        data.run("points-expiry");
        data.at(tokyo(4, 10));
        data.order("O-st-5", "C-st-a", List.of(line("TEA", 1, 4_000)));

        Reply reply = api.call(new ApiClient.Token(), "GET", "/points/statements?from=2026-01&to=2026-04", null);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode months = reply.json();
        assertThat(months.size()).isEqualTo(4);
        long previousClosing = 0;
        for (int i = 0; i < 4; i++) {
            JsonNode m = months.get(i);
            YearMonth month = YearMonth.of(2026, i + 1);
            assertThat(m.get("month").asText()).isEqualTo(month.toString());
            assertThat(m.get("opening").asLong()).as("opening of %s", month).isEqualTo(previousClosing);
            assertThat(m.get("opening").asLong() + m.get("issued").asLong() + m.get("adjusted").asLong()
                    - m.get("redeemed").asLong() - m.get("expired").asLong() - m.get("reversed").asLong())
                    .as("movements of %s", month).isEqualTo(m.get("closing").asLong());
            assertThat(m.get("closing").asLong()).as("closing of %s against the ledger", month)
                    .isEqualTo(ledgerBefore(month.plusMonths(1)));
            previousClosing = m.get("closing").asLong();
        }
        JsonNode january = months.get(0);
        assertThat(january.at("/issuedBySource/0/source").asText()).isEqualTo("ORDER");
        assertThat(january.at("/issuedBySource/0/points").asLong()).isEqualTo(100 + 70 + 30 + 19);
        assertThat(january.at("/issuedBySource/1/source").asText()).isEqualTo("REGISTRATION");
        assertThat(january.at("/issuedBySource/1/points").asLong()).isEqualTo(150);
        assertThat(january.at("/issuedBySource/2/source").asText()).isEqualTo("SURVEY");
        assertThat(january.get("redeemed").asLong()).isEqualTo(60);
        assertThat(january.get("reversed").asLong()).as("the cancelled order").isEqualTo(30);
        assertThat(months.get(1).get("reversed").asLong()).as("the returned cup").isEqualTo(20);
        assertThat(months.get(1).get("expired").asLong()).isEqualTo(
                -data.number("SELECT coalesce(sum(points), 0) FROM points_entry WHERE kind = 'EXPIRE'")).isPositive();
        assertThat(months.get(3).get("closing").asLong()).as("the sum of all accounts' balances")
                .isEqualTo(data.number("SELECT sum(available + pending + reserved - debt) FROM points_account"))
                .isEqualTo(data.balance(a).available() + data.balance(a).pending() + data.balance(b).available()
                        + data.number("SELECT coalesce(sum(available + pending), 0) FROM points_account a "
                        + "JOIN member m ON m.id = a.member_id WHERE m.customer_ref = 'C-st-c'"));
        assertThat(months.get(3).get("closingAmount").asLong()).as("one yen a point")
                .isEqualTo(months.get(3).get("closing").asLong());

        Reply csv = api.call(new ApiClient.Token(), "GET", "/points/statements.csv?from=2026-01&to=2026-04", null);
        assertThat(csv.text()).startsWith("\uFEFFmonth,currency,point_value,line,source,points,amount")
                .contains("2026-01,JPY,1,issued,REGISTRATION,150,150")
                .contains("2026-04,JPY,1,closing,," + months.get(3).get("closing").asLong());

        JsonNode breakage = api.call(new ApiClient.Token(), "GET", "/points/breakage", null).json();
        long issuedJanuary = data.number("SELECT sum(amount) FROM points_lot WHERE available_at < ?", tokyo(2, 1));
        long expiredFebruary = months.get(1).get("expired").asLong();
        assertThat(breakage.at("/cohorts/0/month").asText()).isEqualTo("2026-01");
        assertThat(breakage.at("/cohorts/0/issued").asLong()).isEqualTo(issuedJanuary);
        assertThat(breakage.at("/cohorts/0/expired").asLong()).isEqualTo(expiredFebruary);
        assertThat(breakage.get("rate").decimalValue().doubleValue())
                .isCloseTo((double) expiredFebruary / issuedJanuary, org.assertj.core.data.Offset.offset(0.0001));

        assertThat(api.call(new ApiClient.Token(), "GET", "/points/statements?from=2026-01&to=2026-05", null)
                .json().at("/field").asText()).isEqualTo("to");
        assertThat(api.call(new ApiClient.Token(), "GET", "/points/statements?from=2026-13&to=2026-04", null)
                .json().at("/field").asText()).isEqualTo("from");
    }
}
