package dev.kizuna.loyalty.points;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.ApiClient.Token;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.kizuna.loyalty.points.PointsTestData.line;
import static org.assertj.core.api.Assertions.assertThat;

/** Adjustments that would overflow or smuggle control characters are refused naming the field, changing nothing. */
class PointsHostileInputTest {
    static KizunaRuntime kizuna;
    static PointsTestData data;
    static ApiClient api;

    @BeforeAll
    static void install() {
        kizuna = TestKizuna.install();
        data = new PointsTestData(kizuna);
        api = new ApiClient(kizuna);
        data.at(Instant.parse("2026-04-01T03:00:00Z"));
        data.register("C-hostile");
        data.order("O-hostile", "C-hostile", List.of(line("TEA", 1, 10_000)));
    }

    @AfterAll
    static void close() {
        api.close();
        kizuna.close();
    }

    @Test
    void adjustments_of_minus_two_to_the_63_and_other_absurd_figures_are_400_naming_points_and_change_nothing() {
        long rows = data.ledgerRows();
        long audits = data.number("SELECT count(*) FROM audit_log");
        for (String points : List.of("-9223372036854775808", "9223372036854775807", "-9223372036854775809",
                "18446744073709551616", "100000001", "-100000001")) {
            Reply r = api.call(new Token(), "POST", "/customers/C-hostile/points/adjustments",
                    "{\"points\":" + points + ",\"reason\":\"goodwill\"}");
            assertThat(r.status()).as(points + ": " + r.text()).isEqualTo(400);
            assertThat(r.headers().get("content-type")).startsWith("application/problem+json");
            assertThat(r.json().get("field").asText()).as(points).isEqualTo("points");
        }
        Reply nul = api.call(new Token(), "POST", "/customers/C-hostile/points/adjustments",
                "{\"points\":5,\"reason\":\"good\\u0000will\"}");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().get("field").asText()).isEqualTo("reason");
        assertThat(nul.json().get("code").asText()).isEqualTo("control-character");
        assertThat(data.ledgerRows()).isEqualTo(rows);
        assertThat(data.number("SELECT count(*) FROM audit_log")).isEqualTo(audits);
        // a reason may span lines
        Reply multiLine = api.call(new Token(), "POST", "/customers/C-hostile/points/adjustments",
                "{\"points\":5,\"reason\":\"goodwill\\nticket 12\"}");
        assertThat(multiLine.status()).as(multiLine.text()).isEqualTo(201);
    }

    @Test
    void an_order_as_large_as_any_amount_may_be_earns_its_points_instead_of_failing_its_event() {
        long unitPrice = dev.kizuna.core.money.Amounts.MAX - 1_000;
        data.order("O-huge", "C-hostile", List.of(line("GOLD-BAR", 1, unitPrice)));
        assertThat(data.number("SELECT count(*) FROM event_inbox WHERE event_id = 'sub-O-huge' AND status = 'DONE'"))
                .isEqualTo(1);
        assertThat(data.number("SELECT count(*) FROM points_order WHERE order_ref = 'O-huge'")).isEqualTo(1);
    }

    @Test
    void a_redemption_quote_for_an_absurd_payable_is_refused_naming_it() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.kizuna.core.errors.InvalidInput.class,
                () -> data.checkout().quote("C-hostile", "JPY", Long.MAX_VALUE)).field()).isEqualTo("payable");
    }
}
