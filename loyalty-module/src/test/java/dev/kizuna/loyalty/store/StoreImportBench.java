package dev.kizuna.loyalty.store;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A store's sales file imported through {@link StoreSales} (parse, match members by member number and e-mail blind
 * index, events through the intake: inbox, mirror, earning, hand-over), beside a hand-written batched JDBC insert of
 * the same rows' ledger effect (order record, EARN entry, account upsert) on the same database.
 *
 * <p>Arguments: rows (100000), members (2000).
 */
public final class StoreImportBench {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        String url = TestDatabases.freshDatabase();
        try (KizunaRuntime kizuna = TestKizuna.installNode(new FakeHost(), url, Map.of("kizuna.jdbc.pool-size", "4"))) {
            Instant now = Instant.parse("2026-05-01T03:00:00Z");
            kizuna.context().clock().set(now);
            List<HostEvent> regs = new ArrayList<>();
            for (int c = 0; c < members; c++) {
                regs.add(new CustomerRegistered("bench-reg-" + c, now, "M" + c, "m" + c + "@example.jp", null, null,
                        "ja", Map.of(), null));
            }
            for (int i = 0; i < regs.size(); i += 500) {
                kizuna.publisher().publishAll(regs.subList(i, Math.min(regs.size(), i + 500)));
            }
            StoreSales sales = kizuna.context().ports().require(StoreSales.class);
            sales.importCsv(file("WARM", 2_000, members), 1, Locale.ENGLISH, "bench");

            String csv = file("RUN", rows, members);
            long t0 = System.nanoTime();
            StoreSales.Report report = sales.importCsv(csv, 1, Locale.ENGLISH, "bench");
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            StoreSales.Report again = sales.importCsv(csv, 1, Locale.ENGLISH, "bench");
            double repeatSeconds = (System.nanoTime() - t1) / 1e9;
            double baselineSeconds = baseline(kizuna, rows, members, now);

            System.out.printf("rows=%d members=%d cores=%d%n", rows, members, Runtime.getRuntime().availableProcessors());
            System.out.printf("import   (StoreSales: parse, match, intake, earning, hand-over): %.1f s, %,.0f rows/s "
                    + "(%d applied, %d left out)%n", importSeconds, rows / importSeconds, report.applied(),
                    report.problems().size());
            System.out.printf("repeat   (the same file again, nothing applied):                %.1f s, %,.0f rows/s "
                    + "(%d repeated)%n", repeatSeconds, rows / repeatSeconds, again.repeated());
            System.out.printf("baseline (hand-written batched JDBC, ledger rows only):         %.1f s, %,.0f rows/s%n",
                    baselineSeconds, rows / baselineSeconds);
            System.out.printf("ratio import/baseline: %.1f %%%n", 100 * baselineSeconds / importSeconds);
        }
    }

    /** One row a receipt; members named by number and by e-mail in turn. */
    static String file(String prefix, int rows, int members) {
        StringBuilder csv = new StringBuilder("store_id,receipt_no,sold_at,member_number,email,sku,category,quantity,unit_price\n");
        for (int n = 0; n < rows; n++) {
            int m = n * 7919 % members;
            csv.append("BENCH,").append(prefix).append(n).append(",2026-05-01T10:00:00,")
                    .append(n % 2 == 0 ? "M" + m : "").append(',').append(n % 2 == 1 ? "m" + m + "@example.jp" : "")
                    .append(",TEA-").append(n % 50).append(",tea,2,1800\n");
        }
        return csv.toString();
    }

    private static double baseline(KizunaRuntime kizuna, int rows, int members, Instant at) throws Exception {
        long[] memberIds = new long[members];
        kizuna.context().database().execute(tx -> {
            for (int c = 0; c < members; c++) {
                memberIds[c] = tx.sql().number("SELECT id FROM member WHERE customer_ref = ?", "M" + c);
            }
        });
        java.sql.Timestamp ts = java.sql.Timestamp.from(at);
        long t0 = System.nanoTime();
        try (Connection c = kizuna.context().database().dataSource().getConnection();
             PreparedStatement order = c.prepareStatement("""
                     INSERT INTO points_order (order_ref, member_id, submitted_at, rank_code, rank_multiplier_percent,
                            line_points, line_redeemed, earned, status)
                     VALUES (?, ?, ?, 'REGULAR', 100, '{36}', '{0}', 36, 'PENDING')""");
             PreparedStatement entry = c.prepareStatement("""
                     INSERT INTO points_entry (member_id, kind, points, d_pending, source, source_ref, order_ref, created_at)
                     VALUES (?, 'EARN', 36, 36, 'ORDER', ?, ?, ?)""");
             PreparedStatement account = c.prepareStatement("""
                     INSERT INTO points_account AS p (member_id, pending, last_earned_at) VALUES (?, 36, ?)
                     ON CONFLICT (member_id) DO UPDATE SET pending = p.pending + 36, last_earned_at = EXCLUDED.last_earned_at""")) {
            c.setAutoCommit(false);
            for (int n = 0; n < rows; n++) {
                long member = memberIds[n * 7919 % members];
                String ref = "base-" + n;
                order.setString(1, ref);
                order.setLong(2, member);
                order.setTimestamp(3, ts);
                order.addBatch();
                entry.setLong(1, member);
                entry.setString(2, ref);
                entry.setString(3, ref);
                entry.setTimestamp(4, ts);
                entry.addBatch();
                account.setLong(1, member);
                account.setTimestamp(2, ts);
                account.addBatch();
                if (n % 1_000 == 999 || n == rows - 1) {
                    order.executeBatch();
                    entry.executeBatch();
                    account.executeBatch();
                    c.commit();
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
