package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey funnel of the demo shop over HTTP: after RFM scoring, the members registered, with one, two and three
 * orders not cancelled, and the regulars among the last (the default definition: champions and loyal customers)
 * are the counts a hand-written SQL statement finds in the mirror, overall and for every registration month; the CSV
 * export carries the same figures, and the cohorts hold every first-time customer of the period.
 */
class JourneyFlowTest {
    static final LocalDate FROM = LocalDate.of(2000, 1, 1);
    static final LocalDate TO = LocalDate.of(2099, 12, 31);
    final ShopClient admin = ShopClient.admin();

    static List<Long> members(JsonNode group) {
        List<Long> out = new ArrayList<>();
        group.get("stages").forEach(s -> out.add(s.get("members").asLong()));
        return out;
    }

    /** Registered, ≥ 1, ≥ 2, ≥ 3 orders not cancelled and regulars by registration month, counted by hand. */
    static Map<String, List<Long>> counted(KizunaRuntime kizuna) {
        ZoneId zone = kizuna.context().zone();
        return kizuna.context().database().inTransaction(tx -> {
            Map<String, List<Long>> out = new LinkedHashMap<>();
            tx.sql().list("""
                    SELECT to_char(m.registered_at AT TIME ZONE ?, 'YYYY-MM'), count(*),
                           count(*) FILTER (WHERE m.n >= 1), count(*) FILTER (WHERE m.n >= 2),
                           count(*) FILTER (WHERE m.n >= 3),
                           count(*) FILTER (WHERE m.n >= 3 AND m.id IN (SELECT member_id FROM rfm_score
                                                                        WHERE segment_key IN ('champions', 'loyal')))
                    FROM (SELECT m.id, m.registered_at,
                                 (SELECT count(*) FROM order_summary o WHERE o.member_id = m.id
                                  AND o.status <> 'CANCELLED') AS n
                          FROM member m WHERE m.registered_at >= ? AND m.registered_at < ?) m
                    GROUP BY 1 ORDER BY 1""", rs -> out.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6))), zone.getId(),
                    Timestamp.from(FROM.atStartOfDay(zone).toInstant()),
                    Timestamp.from(TO.plusDays(1).atStartOfDay(zone).toInstant()));
            return out;
        });
    }

    @Test
    void the_funnel_shows_the_demos_numbers_as_a_hand_written_count_finds_them() {
        KizunaRuntime kizuna = RunningShop.get().kizuna();
        assertThat(admin.runJob("rfm-scoring").toString()).contains("SUCCEEDED");
        ShopClient.Response reply = admin.get("/crm/api/funnel?by=month&from=" + FROM + "&to=" + TO);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode funnel = reply.json();
        assertThat(funnel.get("regular").get("rfmSegments").toString()).isEqualTo("[\"champions\",\"loyal\"]");
        Map<String, List<Long>> counted = counted(kizuna);

        long[] total = new long[5];
        counted.values().forEach(c -> {
            for (int k = 0; k < 5; k++) {
                total[k] += c.get(k);
            }
        });
        List<Long> expected = List.of(total[0], total[1], total[2], total[3], total[4]);
        System.out.println("demo funnel (registered, 1st, 2nd, 3rd order, regular): " + members(funnel.get("total"))
                + "; hand-written SQL: " + expected);
        assertThat(members(funnel.get("total"))).isEqualTo(expected);
        assertThat(total[3]).as("the demo has customers with a third order").isPositive();
        Map<String, List<Long>> byMonth = new LinkedHashMap<>();
        funnel.get("groups").forEach(g -> byMonth.put(g.get("key").asText(), members(g)));
        assertThat(byMonth).isEqualTo(counted);

        ShopClient.Response csv = admin.get("/crm/api/funnel.csv?from=" + FROM + "&to=" + TO);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFbreakdown,group,step")
                .contains("total,total,REGISTERED," + total[0] + ",", "total,total,THIRD_ORDER," + total[3] + ",");

        long firstTimers = kizuna.context().database().inTransaction(tx -> tx.sql().number("""
                SELECT count(DISTINCT member_id) FROM order_summary WHERE status <> 'CANCELLED' AND member_id IS NOT NULL"""));
        JsonNode cohorts = admin.get("/crm/api/cohorts/retention?from=2000-01&to=2099-12").json();
        long inCohorts = 0;
        for (JsonNode c : cohorts.get("cohorts")) {
            inCohorts += c.get("customers").asLong();
        }
        assertThat(inCohorts).isEqualTo(firstTimers);
    }
}
