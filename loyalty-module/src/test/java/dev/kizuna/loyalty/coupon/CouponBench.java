package dev.kizuna.loyalty.coupon;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.crypto.CouponCodes;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.loyalty.birthday.BirthdayCouponJob;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Bulk code generation and the birthday job, each beside a hand-written SQL baseline in the same run, on the
 * embedded test PostgreSQL.
 * <ol>
 *   <li>100,000 single-use codes drawn from {@link CouponCodes} (SecureRandom) and stored, against one
 *       {@code INSERT … SELECT … FROM generate_series} of as many rows into the same table;</li>
 *   <li>the {@code birthday-coupons} job over 1,000,000 members for one day's birthdays (catch-up 0), with codes,
 *       outbox mails for the members who consented, against one {@code INSERT … SELECT} writing the same codes and
 *       birthday rows (no mail).</li>
 * </ol>
 * Run: {@code cd /work/main && mvn -q -o -pl loyalty-module test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.kizuna.loyalty.coupon.CouponBench [-Dexec.args="codes members"]}.
 */
public final class CouponBench {
    private CouponBench() {
    }

    public static void main(String[] args) throws Exception {
        int codeCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        try (KizunaRuntime kizuna = TestKizuna.install(new FakeHost(), Map.of("kizuna.birthday.catch-up-days", "0"))) {
            Database db = kizuna.context().database();
            CampaignStore store = new CampaignStore(FakeHost.TOKYO, "JPY");
            CodeBatches codes = new CodeBatches(new CouponCodes());
            CampaignTerms terms = store.check(dev.kizuna.core.json.Json.read(
                    "{\"name\":{\"en\":\"Bench\"},\"discount\":{\"type\":\"FIXED\",\"value\":500}}", CampaignDraft.class));
            Instant now = Instant.now();
            long warm = db.inTransaction(tx -> store.insert(tx, CampaignKind.STANDARD, null, CampaignStatus.Stored.ACTIVE, terms, "bench", now));
            long measured = db.inTransaction(tx -> store.insert(tx, CampaignKind.STANDARD, null, CampaignStatus.Stored.ACTIVE, terms, "bench", now));
            long baseline = db.inTransaction(tx -> store.insert(tx, CampaignKind.STANDARD, null, CampaignStatus.Stored.ACTIVE, terms, "bench", now));

            // warm-up: JIT and the table's first pages
            db.inTransaction(tx -> codes.generate(tx, warm, 10_000, null, null, now));
            long t0 = System.nanoTime();
            db.inTransaction(tx -> codes.generate(tx, measured, codeCount, null, null, now));
            double generate = seconds(t0);
            t0 = System.nanoTime();
            db.execute(tx -> tx.sql().update("""
                    INSERT INTO coupon_code (code, campaign_id, created_at)
                    SELECT upper(substr(md5(g::text || random()::text), 1, 18)), ?, now() FROM generate_series(1, ?) g""",
                    baseline, codeCount));
            double plain = seconds(t0);
            System.out.printf("bulk codes: %,d codes generated and stored in %.3f s; plain INSERT … SELECT generate_series "
                    + "of %,d rows %.3f s; ratio %.2f×%n", codeCount, generate, codeCount, plain, generate / plain);

            // members: birthdays spread evenly over the year, 6 in 7 consenting to mail
            t0 = System.nanoTime();
            // the birthday job selects by blind index: each day's index is computed here, as the mirror would
            String[] monthDays = new String[366];
            String[] indexes = new String[366];
            for (int d = 0; d < 366; d++) {
                LocalDate day = LocalDate.of(2000, 1, 1).plusDays(d);
                monthDays[d] = String.format("%02d%02d", day.getMonthValue(), day.getDayOfMonth());
                indexes[d] = kizuna.context().members().birthdayIndex(MonthDay.from(day));
            }
            db.execute(tx -> tx.sql().update("""
                    INSERT INTO member (customer_ref, email, display_name, birthday_index, index_key, locale, consents)
                    SELECT 'B' || g, 'b' || g || '@example.com', 'Member ' || g, decode(d.h, 'hex'), ?,
                           CASE WHEN g % 4 = 0 THEN 'en' ELSE 'ja' END,
                           CASE WHEN g % 7 = 0 THEN '{}'::jsonb ELSE '{"mail":true}'::jsonb END
                    FROM generate_series(1, ?) g
                    JOIN unnest(?::text[], ?::text[]) AS d(md, h) ON d.md = to_char(date '2001-01-01' + (g % 365), 'MMDD')""",
                    kizuna.context().blindIndex().keyId(), members, tx.sql().textArray(monthDays), tx.sql().textArray(indexes)));
            db.execute(tx -> tx.sql().update("ANALYZE member"));
            System.out.printf("(%,d members loaded in %.1f s)%n", members, seconds(t0));

            KizunaJob job = kizuna.context().jobs().find(BirthdayCouponJob.NAME).orElseThrow();
            // warm-up on 16 June's birthdays, then the measured run for 17 June's
            run(kizuna, job, tokyo(2026, 6, 9));
            t0 = System.nanoTime();
            JobRuns.JobRun run = run(kizuna, job, tokyo(2026, 6, 10));
            double jobSeconds = seconds(t0);
            long campaign = db.inTransaction(tx -> store.birthday(tx).orElseThrow().id());
            t0 = System.nanoTime();
            long rows = db.inTransaction(tx -> tx.sql().number("""
                    WITH due AS (SELECT id FROM member WHERE birthday_index = decode(?, 'hex') AND erased_at IS NULL),
                         issued AS (INSERT INTO coupon_code (code, campaign_id, member_id, valid_from, valid_to, created_at)
                                    SELECT 'BASE' || id, ?, id, now(), now() + interval '30 days', now() FROM due
                                    RETURNING code, member_id),
                         birthdays AS (INSERT INTO birthday_coupon (member_id, birthday_year, birthday, code, bonus_points,
                                                                    mailed, issued_at)
                                       SELECT member_id, 2099, date '2099-06-17', code, 0, false, now() FROM issued
                                       RETURNING 1)
                    SELECT count(*) FROM birthdays""", kizuna.context().members().birthdayIndex(MonthDay.of(6, 17)),
                    campaign));
            double baselineSeconds = seconds(t0);
            long mails = db.inTransaction(tx -> tx.sql().number(
                    "SELECT count(*) FROM mail_outbox WHERE template = 'birthday-coupon' AND created_at >= ?", tokyo(2026, 6, 10)));
            System.out.printf("birthday job over %,d members: %s in %.3f s (%,d mails written to the outbox); "
                            + "one INSERT … SELECT of %,d coupons %.3f s; ratio %.2f×%n",
                    members, run.outcome(), jobSeconds, mails, rows, baselineSeconds, jobSeconds / baselineSeconds);
        }
    }

    private static JobRuns.JobRun run(KizunaRuntime kizuna, KizunaJob job, Instant at) {
        kizuna.context().clock().set(at);
        JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
        if (run.status() != JobRunStatus.SUCCEEDED) {
            throw new IllegalStateException("birthday job failed: " + run.error());
        }
        return run;
    }

    private static Instant tokyo(int y, int m, int d) {
        return ZonedDateTime.of(y, m, d, 0, 10, 0, 0, FakeHost.TOKYO).toInstant();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
