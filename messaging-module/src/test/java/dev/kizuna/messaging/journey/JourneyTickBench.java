package dev.kizuna.messaging.journey;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Times one {@code journey-tick} over 1,000,000 opted-in members with every shipped journey switched on (so the
 * looked-for triggers — points expiring, win-back, birthday month, rank — are evaluated over all of them) and
 * 100,000 customers in the cart reminder, 10,000 of them due; beside a hand-written baseline in the same run: one
 * {@code INSERT … SELECT} writing an unpersonalised outbox row for each due entry. Prints both and the ratio.
 *
 * <p>Run like {@code BroadcastBench}: {@code java -Xmx512m -cp … dev.kizuna.messaging.journey.JourneyTickBench
 * [members]}.
 */
public final class JourneyTickBench {
    private JourneyTickBench() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        FakeHost host = new FakeHost() {
            @Override
            public Optional<Contact> contact(String customerId) {
                return Optional.of(new Contact(customerId.toLowerCase() + "@example.jp", "Name " + customerId, "ja"));
            }
        };
        try (KizunaRuntime kizuna = TestKizuna.install(host, Map.of("kizuna.messaging.batch-size", "5000",
                "kizuna.messaging.quiet-hours", ""))) {
            kizuna.context().clock().set(LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
            try (Connection c = DriverManager.getConnection(kizuna.context().config().jdbcUrl(), "postgres", "")) {
                c.setAutoCommit(true);
                exec(c, "SET search_path TO kizuna");
                long t = System.nanoTime();
                exec(c, """
                        INSERT INTO member (customer_ref, locale, registered_at)
                        SELECT 'J-' || g, 'ja', now() - interval '200 days' FROM generate_series(1, %d) g""".formatted(members));
                exec(c, "INSERT INTO message_consent (member_id, channel, granted, source, changed_at) "
                        + "SELECT id, 'MAIL', true, 'HOST', now() FROM member");
                exec(c, "INSERT INTO points_account (member_id, available) SELECT id, (id * 37) % 5000 FROM member");
                exec(c, "UPDATE journey SET active = true");
                String now = "'" + kizuna.context().clock().instant() + "'::timestamptz";
                exec(c, """
                        INSERT INTO journey_entry (journey_id, member_id, occasion, status, holdout, entered_at, next_step, next_at)
                        SELECT (SELECT id FROM journey WHERE key = 'cart-reminder'), m.id, 'cart:bench-' || m.id, 'ACTIVE',
                               false, %1$s - interval '2 hours',
                               0, CASE WHEN m.id %% 100 = 0 THEN %1$s - interval '1 hour' ELSE %1$s + interval '1 day' END
                        FROM member m WHERE m.id %% 10 = 0""".formatted(now));
                exec(c, "VACUUM ANALYZE");
                System.out.printf("generated %,d members in %.1f s%n", members, (System.nanoTime() - t) / 1e9);
                long inJourneys = number(c, "SELECT count(*) FROM journey_entry WHERE status = 'ACTIVE'");

                long b = System.nanoTime();
                long due = number(c, """
                        WITH w AS (INSERT INTO mail_outbox (member_id, to_address, locale, template, subject, body_html,
                                                            status, created_at, next_attempt_at)
                                   SELECT m.id, m.customer_ref || '@example.jp', m.locale, 'baseline', 'Reminder',
                                          '<p>Hello</p>', 'PENDING', now(), now()
                                   FROM journey_entry e JOIN member m ON m.id = e.member_id
                                   WHERE e.status = 'ACTIVE' AND e.next_at <= %s RETURNING 1)
                        SELECT count(*) FROM w""".formatted(now));
                double baseline = (System.nanoTime() - b) / 1e9;
                exec(c, "DELETE FROM mail_outbox WHERE template = 'baseline'");

                KizunaJob job = kizuna.context().jobs().find(JourneyTickJob.NAME).orElseThrow();
                long s = System.nanoTime();
                JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
                double tick = (System.nanoTime() - s) / 1e9;
                if (run.status() != JobRunStatus.SUCCEEDED) {
                    throw new IllegalStateException("journey-tick failed: " + run.error());
                }
                System.out.printf("%nJourney tick benchmark (embedded PostgreSQL 17, fsync off, 2 cores shared)%n");
                System.out.printf("  %,d members, %,d in journeys, %,d due%n", members, inJourneys, due);
                System.out.printf("  journey-tick (%s): %8.2f s (target <= 10 s)%n", run.outcome(), tick);
                System.out.printf("  baseline, one INSERT ... SELECT of %,d unpersonalised outbox rows: %8.2f s%n", due, baseline);
                System.out.printf("  ratio tick / baseline: %.1f%n", tick / baseline);
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static long number(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
