package dev.kizuna.it;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.segment.recommend.OfflineEvaluation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline evaluation on the demo's sample year: each sample customer's last purchase held out, hit rate@10 and
 * MRR of the recommendations beside the popular baseline, printed, and the log written to
 * {@code target/demo-purchases.csv} for {@code kizuna evaluate-recommendations}. The sample customers are the
 * shop's first 32 members, their orders those placed before any test moves the clock (2027).
 */
class DemoRecommendationEvaluationTest {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final int SAMPLE_CUSTOMERS = 32;

    @Test
    void the_sample_year_is_judged_on_its_held_out_last_purchases() throws IOException {
        KizunaRuntime kizuna = RunningShop.get().kizuna();
        List<OfflineEvaluation.Purchase> log = kizuna.context().database().inTransaction(tx -> tx.sql().list("""
                SELECT DISTINCT m.customer_ref, o.submitted_at, l.sku FROM order_summary o
                JOIN member m ON m.id = o.member_id JOIN order_line l ON l.order_id = o.id
                WHERE o.status <> 'CANCELLED' AND o.submitted_at < timestamptz '2027-01-01'
                  AND m.id IN (SELECT id FROM member ORDER BY id LIMIT ?)""",
                rs -> new OfflineEvaluation.Purchase(rs.getString(1),
                        LocalDate.ofInstant(rs.getTimestamp(2).toInstant(), TOKYO), rs.getString(3)), SAMPLE_CUSTOMERS));
        Path csv = Path.of("target", "demo-purchases.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "customer,date,sku\n" + log.stream().map(p -> p.customer() + "," + p.day() + "," + p.sku())
                .sorted().collect(Collectors.joining("\n")) + "\n", StandardCharsets.UTF_8);

        OfflineEvaluation.Result r = OfflineEvaluation.withJobDefaults().evaluate(log);
        System.out.printf(Locale.ROOT, "demo sample year: %d purchases, %d products; judged %d customers (%d repeat only,"
                        + " %d single purchase)%n  co-occurrence hit rate@10 %.3f MRR %.3f%n  served (filled) hit rate@10 %.3f"
                        + " MRR %.3f%n  most popular  hit rate@10 %.3f MRR %.3f%n", log.size(), r.products(), r.judged(),
                r.repeatOnly(), r.single(), r.coOccurrence().hitRate(), r.coOccurrence().mrr(), r.served().hitRate(),
                r.served().mrr(), r.popular().hitRate(), r.popular().mrr());

        // every sample customer with orders on two days or more is either judged or buys only what they had
        long repeatCustomers = kizuna.context().database().inTransaction(tx -> tx.sql().number("""
                SELECT count(*) FROM (SELECT o.member_id FROM order_summary o
                  WHERE o.status <> 'CANCELLED' AND o.submitted_at < timestamptz '2027-01-01'
                    AND o.member_id IN (SELECT id FROM member ORDER BY id LIMIT ?)
                  GROUP BY o.member_id HAVING count(DISTINCT (o.submitted_at AT TIME ZONE 'Asia/Tokyo')::date) > 1) c""",
                SAMPLE_CUSTOMERS));
        assertThat(r.judged() + r.repeatOnly()).isEqualTo(repeatCustomers);
        assertThat(r.judged()).isPositive();
        // the shop's list is the neighbours, then popular products: it finds at least what the neighbours alone find
        assertThat(r.served().hitRate()).isGreaterThanOrEqualTo(r.coOccurrence().hitRate());
        assertThat(r.popular().hitRate()).isBetween(0.0, 1.0);
    }
}
