package dev.kizuna.loyalty.store;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.ApiClient.Reply;
import dev.kizuna.core.testing.KizunaTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store's sales file of 10,000 rows, 50 of them bad, matched to members by member number, e-mail and phone:
 * imported once as STORE orders that earn points, the 50 reported by line number, and a second import of the same
 * file changes nothing.
 */
@KizunaTest(perMethod = true)
class StoreSalesTest {
    static final int MEMBERS = 100;
    private KizunaRuntime kizuna;
    private ApiClient api;

    @BeforeEach
    void install(KizunaRuntime kizuna, ApiClient api) {
        this.kizuna = kizuna;
        this.api = api;
    }

    long number(String sql, Object... params) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, params));
    }

    void members() {
        Instant at = Instant.parse("2026-04-01T00:00:00Z");
        List<CustomerRegistered> all = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            all.add(new CustomerRegistered("reg-st-" + i, at, "C-st-" + i, "Shopper" + i + "@Example.jp", "Name",
                    null, "ja", Map.of(), "090-1234-" + String.format("%04d", i)));
        }
        kizuna.publisher().publishAll(all);
    }

    /** Row n (file line n + 2) names its member by number, e-mail or phone in turn; the lines in {@code bad} break. */
    static String file(int rows, List<Integer> badLines) {
        StringBuilder csv = new StringBuilder("\uFEFFstore_id,receipt_no,sold_at,member_number,email,phone,sku,category,quantity,unit_price\n");
        for (int n = 0; n < rows; n++) {
            int line = n + 2;
            int m = n % MEMBERS;
            String number = n % 3 == 0 ? "C-st-" + m : "";
            String email = n % 3 == 1 ? " shopper" + m + "@example.JP" : "";
            String phone = n % 3 == 2 ? "09012340" + String.format("%03d", m) : "";
            String quantity = "2";
            String soldAt = "2026-05-01T10:15:00";
            if (badLines.contains(line)) {
                switch (n % 3) {
                    case 0 -> number = "C-nobody-" + n;       // matches no member
                    case 1 -> quantity = "two";                 // not a number
                    default -> soldAt = "yesterday";            // not a date-time
                }
            }
            csv.append("SHIBUYA,R").append(n).append(',').append(soldAt).append(',').append(number).append(',')
                    .append(email).append(',').append(phone).append(",TEA-").append(n % 7).append(",tea,")
                    .append(quantity).append(",1500\n");
        }
        return csv.toString();
    }

    @Test
    void a_file_of_10000_rows_with_50_bad_imports_once_earns_points_and_reports_the_bad_rows_by_line() {
        kizuna.context().clock().set(Instant.parse("2026-05-01T03:00:00Z"));
        members();
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            bad.add(2 + i * 199);
        }
        String csv = file(10_000, bad);
        StoreSales sales = kizuna.context().ports().require(StoreSales.class);

        StoreSales.Report first = sales.importCsv(csv, 1, Locale.ENGLISH, "test");
        assertThat(first.rows()).isEqualTo(10_000);
        assertThat(first.applied()).isEqualTo(9_950);
        assertThat(first.problems()).extracting(StoreSales.Problem::line).containsExactlyElementsOf(bad);
        assertThat(first.problems()).filteredOn(p -> p.code().equals("store.no-member")).isNotEmpty();
        assertThat(first.problems()).filteredOn(p -> "quantity".equals(p.column())).first()
                .extracting(StoreSales.Problem::text).asString().contains("whole number");
        assertThat(number("SELECT count(*) FROM order_summary WHERE order_ref LIKE 'store:SHIBUYA:%'")).isEqualTo(9_950);
        assertThat(number("SELECT count(*) FROM points_order WHERE order_ref LIKE 'store:SHIBUYA:%'")).isEqualTo(9_950);
        long pending = number("SELECT sum(pending) FROM points_account");
        assertThat(pending).as("3,000 yen a receipt earns 30 points").isEqualTo(9_950L * 30);
        long entries = number("SELECT count(*) FROM points_entry");

        StoreSales.Report again = sales.importCsv(csv, 1, Locale.ENGLISH, "test");
        assertThat(again.applied()).isZero();
        assertThat(again.repeated()).isEqualTo(9_950);
        assertThat(again.problems()).extracting(StoreSales.Problem::line).containsExactlyElementsOf(bad);
        assertThat(number("SELECT count(*) FROM points_entry")).isEqualTo(entries);
        assertThat(number("SELECT sum(pending) FROM points_account")).isEqualTo(pending);
    }

    @Test
    void the_api_imports_a_part_of_a_file_reporting_lines_as_in_the_file_and_refuses_a_wrong_header() {
        members();
        String part = "store_id,receipt_no,sold_at,member_number,sku,quantity,unit_price\n"
                + "UMEDA,A1,2026-05-02T11:00:00+09:00,C-st-1,TEA-1,1,2000\n"
                + "UMEDA,A2,2026-05-02T11:00:00+09:00,C-st-1,TEA-1,0,2000\n";
        Reply reply = api.call(new ApiClient.Token(), "ja", "POST", "/store-sales/import",
                "{\"csv\":" + dev.kizuna.core.json.Json.write(part) + ",\"firstLine\":5001}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("applied").asInt()).isEqualTo(1);
        assertThat(reply.json().at("/problems/0/line").asInt()).isEqualTo(5003);
        assertThat(reply.json().at("/problems/0/column").asText()).isEqualTo("quantity");
        assertThat(number("SELECT count(*) FROM order_summary WHERE order_ref = 'store:UMEDA:A1' AND channel = 'STORE'"))
                .isEqualTo(1);

        Reply refused = api.call(new ApiClient.Token(), "en", "POST", "/store-sales/import",
                "{\"csv\":\"store,receipt\\nA,B\\n\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("csv");
    }
}
