package dev.kizuna.messaging.broadcast;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.messaging.journey.JourneyTickJob;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Times a broadcast to 1,000,000 opted-in members (personalised subject and body with name, rank and points, a coupon
 * code issued per recipient, 10 % holdout) written to the outbox by the {@code broadcast-send} job, beside two
 * baselines in the same run on the embedded test PostgreSQL (fsync off), each one {@code INSERT … SELECT} writing as
 * many unpersonalised outbox rows: minimal rows (a one-line body, a plain address), and rows of the broadcast's own
 * size (one of its stored mails per language, repeated), the bytes any sender of these mails has to write; then one
 * {@code journey-tick} over the same members with 100,000 in the cart reminder, 10,000 of them due. Prints times, the ratios and the jobs' peak heap. The measured broadcast follows a first one to
 * a tenth of the members, timed apart, so that it runs on compiled code as a server that has been up does: on a fresh
 * JVM the just-in-time compiler spent some 15 s of processor time during the job, on a machine of two cores.
 * {@code cold} as the second argument skips the warm-up.
 *
 * <p>Run: {@code ./mvnw -o -q -pl messaging-module -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test} then {@code java -Xmx512m -cp
 * messaging-module/target/test-classes:messaging-module/target/classes:$(cat /tmp/cp.txt)
 * dev.kizuna.messaging.broadcast.BroadcastBench [members] [cold]}.
 */
public final class BroadcastBench {
    private BroadcastBench() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean warm = !(args.length > 1 && args[1].equals("cold"));
        FakeHost host = new FakeHost() {
            @Override
            public Optional<Contact> contact(String customerId) {
                return Optional.of(new Contact(customerId.toLowerCase() + "@example.jp", "Name " + customerId,
                        customerId.hashCode() % 5 == 0 ? "en" : "ja"));
            }
        };
        try (KizunaRuntime kizuna = TestKizuna.install(host, Map.of("kizuna.messaging.batch-size", "5000",
                "kizuna.messaging.quiet-hours", "", "kizuna.messaging.cap-per-week", "3"));
             ApiClient api = new ApiClient(kizuna)) {
            kizuna.context().clock().set(LocalDate.of(2026, 3, 2).atTime(12, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
            String url = kizuna.context().config().jdbcUrl();
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                c.setAutoCommit(true);
                exec(c, "SET search_path TO kizuna");
                long t = System.nanoTime();
                generate(c, members);
                System.out.printf("generated %,d members in %.1f s%n", members, (System.nanoTime() - t) / 1e9);

                // A server that has been running has its send path compiled already; a first broadcast to a tenth of
                // the members (4,500 points and more) does that here, and is timed apart ("cold" skips it).
                long warmSent = 0;
                Timed warmUp = null;
                if (warm) {
                    long first = broadcast(api, "{\"pointsBalance\":{\"atLeast\":4500}}", campaign(c));
                    warmUp = timed(() -> run(kizuna, BroadcastSendJob.NAME));
                    warmSent = messages(c, first, "SENT");
                }

                long campaign = campaign(c);
                long id = broadcast(api, "{\"all\":true}", campaign);
                ServerCpu server = new ServerCpu(c);
                long serverBefore = server.nanos();
                long jvmBefore = jvmCpuNanos();
                Timed send = timed(() -> run(kizuna, BroadcastSendJob.NAME));
                double sendJvmCpu = (jvmCpuNanos() - jvmBefore) / 1e9;
                double sendServerCpu = (server.nanos() - serverBefore) / 1e9;
                long sent = messages(c, id, "SENT");
                long held = messages(c, id, "HOLDOUT");
                long codes = number(c, "SELECT count(*) FROM coupon_code WHERE campaign_id = " + campaign);
                long bodyBytes = number(c, "SELECT avg(pg_column_size(body_html))::bigint FROM mail_outbox WHERE template = 'messaging'");
                long toastMb = number(c, "SELECT pg_relation_size(reltoastrelid) >> 20 FROM pg_class WHERE relname = 'mail_outbox'");

                serverBefore = server.nanos();
                long t0 = System.nanoTime();
                exec(c, """
                        INSERT INTO mail_outbox (member_id, to_address, locale, template, subject, body_html, status,
                                                 created_at, next_attempt_at)
                        SELECT m.id, m.customer_ref || '@example.jp', m.locale, 'baseline', 'Newsletter', '<p>Hello</p>',
                               'PENDING', now(), now()
                        FROM member m JOIN message_consent mc ON mc.member_id = m.id AND mc.channel = 'MAIL' AND mc.granted
                        ORDER BY m.id LIMIT %d""".formatted(sent));
                Duration baseline = Duration.ofNanos(System.nanoTime() - t0);
                double baselineServerCpu = (server.nanos() - serverBefore) / 1e9;

                // the same rows at the size of this broadcast's: one of its stored mails per language (sealed address,
                // subject and body, picked before the clock starts), written unchanged for every recipient
                exec(c, """
                        CREATE TEMP TABLE sample_mail AS
                        SELECT DISTINCT ON (locale) locale, to_address, subject, body_html FROM mail_outbox
                        WHERE template = 'messaging' ORDER BY locale, id""");
                serverBefore = server.nanos();
                t0 = System.nanoTime();
                exec(c, """
                        INSERT INTO mail_outbox (member_id, to_address, locale, template, subject, body_html, status,
                                                 created_at, next_attempt_at)
                        SELECT m.id, s.to_address, m.locale, 'baseline', s.subject, s.body_html, 'PENDING', now(), now()
                        FROM (SELECT m.id, m.locale FROM member m
                              JOIN message_consent mc ON mc.member_id = m.id AND mc.channel = 'MAIL' AND mc.granted
                              ORDER BY m.id LIMIT %d) m
                        JOIN sample_mail s ON s.locale = m.locale""".formatted(sent));
                Duration sized = Duration.ofNanos(System.nanoTime() - t0);
                double sizedServerCpu = (server.nanos() - serverBefore) / 1e9;

                // journeys: 100,000 customers in the cart reminder, a tenth of them due now
                exec(c, "UPDATE journey SET active = true");
                // times on the shop clock, which the bench set to a fixed day
                String now = "'" + kizuna.context().clock().instant() + "'::timestamptz";
                exec(c, """
                        INSERT INTO journey_entry (journey_id, member_id, occasion, status, holdout, entered_at, next_step, next_at)
                        SELECT (SELECT id FROM journey WHERE key = 'cart-reminder'), m.id, 'cart:bench-' || m.id, 'ACTIVE',
                               false, %1$s - interval '2 hours',
                               0, CASE WHEN m.id %% 100 = 0 THEN %1$s - interval '1 hour' ELSE %1$s + interval '1 day' END
                        FROM member m WHERE m.id %% 10 = 0""".formatted(now));
                exec(c, "ANALYZE");
                long inJourneys = number(c, "SELECT count(*) FROM journey_entry WHERE status = 'ACTIVE'");
                Timed tick = timed(() -> run(kizuna, JourneyTickJob.NAME));

                System.out.printf("%nBroadcast benchmark (embedded PostgreSQL 17, fsync off, 2 cores shared), JVM max heap %,d MB%n",
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("  audience: %,d opted-in members; sent %,d, held out %,d, coupon codes %,d%n",
                        members, sent, held, codes);
                System.out.printf("  outbox: sealed body %,d bytes on average, TOAST %,d MB%n", bodyBytes, toastMb);
                if (warmUp != null) {
                    System.out.printf("  warm-up broadcast to the tenth with 4,500 points or more (%,d sent): %.2f s%n",
                            warmSent, warmUp.seconds());
                } else {
                    System.out.println("  no warm-up: the job starts on a fresh JVM");
                }
                System.out.printf("  broadcast-send job (%s): %8.2f s, peak heap %,d MB (target <= 90 s, <= 512 MB)%n",
                        send.run.outcome(), send.seconds(), send.peakHeap >> 20);
                System.out.printf("  baseline, one INSERT ... SELECT of %,d minimal unpersonalised rows: %8.2f s%n", sent,
                        baseline.toNanos() / 1e9);
                System.out.printf("  baseline, the same at the broadcast's row size (one of its mails per language): %8.2f s%n",
                        sized.toNanos() / 1e9);
                System.out.printf("  ratio job / baseline: %.2f at the broadcast's row size (target <= 5), %.2f to minimal rows%n",
                        send.seconds() / (sized.toNanos() / 1e9), send.seconds() / (baseline.toNanos() / 1e9));
                // on a shared machine the wall times move with the other load; the CPU spent moves much less
                System.out.printf("  CPU: job %.2f s in the JVM + %.2f s in the database; baselines %.2f s (row size) and"
                        + " %.2f s (minimal) in the database (load average %.1f)%n", sendJvmCpu, sendServerCpu,
                        sizedServerCpu, baselineServerCpu,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                System.out.printf("  journey-tick with %,d in journeys (%s): %8.2f s, peak heap %,d MB (target <= 10 s)%n",
                        inJourneys, tick.run.outcome(), tick.seconds(), tick.peakHeap >> 20);
            }
        }
    }

    /** How many of broadcast {@code id}'s messages have {@code status}. */
    static long messages(Connection c, long id, String status) throws SQLException {
        return number(c, "SELECT count(*) FROM message WHERE source = 'BROADCAST' AND campaign_id = " + id
                + " AND status = '" + status + "'");
    }

    /** A coupon campaign whose codes a broadcast hands out. */
    static long campaign(Connection c) throws SQLException {
        return number(c, """
                INSERT INTO coupon_campaign (kind, status, current_version, created_at, created_by, updated_at)
                VALUES ('STANDARD', 'ACTIVE', 1, now(), 'bench', now()) RETURNING id""");
    }

    /** A personalised broadcast to {@code audience} with a coupon code per recipient and a 10 % holdout, due now. */
    static long broadcast(ApiClient api, String audience, long campaign) {
        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"春のお便り","en":"Spring letter"},"audience":%s,"channel":"mail",
                 "subject":{"ja":"${name}様、${rank}会員限定のご案内","en":"${name}, for ${rank} members"},
                 "body":{"ja":"<p>${name}様</p><p>現在 ${points} ポイント。クーポン: ${couponCode}</p><p><a href=\\"https://shop.example.jp/spring\\">春の新作</a></p>",
                         "en":"<p>Dear ${name}</p><p>You have ${points} points. Coupon: ${couponCode}</p><p><a href=\\"https://shop.example.jp/spring\\">Spring</a></p>"},
                 "holdoutPercent":10,"couponCampaignId":%d}""".formatted(audience, campaign));
        if (created.status() != 201) {
            throw new IllegalStateException(created.text());
        }
        long id = created.json().get("id").asLong();
        api.call(new ApiClient.Token(), "POST", "/broadcasts/" + id + "/send", null);
        return id;
    }

    static JobRuns.JobRun run(KizunaRuntime kizuna, String name) {
        KizunaJob job = kizuna.context().jobs().find(name).orElseThrow();
        JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
        if (run.status() != JobRunStatus.SUCCEEDED) {
            throw new IllegalStateException(name + " failed: " + run.error());
        }
        return run;
    }

    record Timed(JobRuns.JobRun run, long nanos, long peakHeap) {
        double seconds() {
            return nanos / 1e9;
        }
    }

    static Timed timed(Supplier<JobRuns.JobRun> work) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t = System.nanoTime();
        JobRuns.JobRun run = work.get();
        long nanos = System.nanoTime() - t;
        sampling.set(false);
        sampler.join();
        return new Timed(run, nanos, peak.get());
    }

    /** Members (a fifth English), each opted in to mail, with a points balance. */
    static void generate(Connection c, int members) throws SQLException {
        exec(c, """
                INSERT INTO member (customer_ref, locale, registered_at)
                SELECT 'B-' || g, CASE WHEN g %% 5 = 0 THEN 'en' ELSE 'ja' END, now() - interval '200 days'
                FROM generate_series(1, %d) g""".formatted(members));
        exec(c, """
                INSERT INTO message_consent (member_id, channel, granted, source, changed_at)
                SELECT id, 'MAIL', true, 'HOST', now() FROM member""");
        exec(c, "INSERT INTO points_account (member_id, available) SELECT id, (id * 37) % 5000 FROM member");
        exec(c, "VACUUM ANALYZE");
    }

    static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of the embedded database server: its postmaster with the children it reaped and every live child
     * (the pool's backends), read from /proc; zero where there is no /proc.
     */
    static final class ServerCpu {
        private final long postmaster;

        ServerCpu(Connection c) throws SQLException {
            long backend = number(c, "SELECT pg_backend_pid()");
            String[] stat = stat(backend);
            this.postmaster = stat == null ? -1 : Long.parseLong(stat[1]);
        }

        long nanos() {
            if (postmaster < 0) {
                return 0;
            }
            long ticks = 0;
            String[] own = stat(postmaster);
            if (own != null) {
                ticks += Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
            }
            java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
            for (java.io.File p : procs == null ? new java.io.File[0] : procs) {
                String[] st = stat(Long.parseLong(p.getName()));
                if (st != null && Long.parseLong(st[1]) == postmaster) {
                    ticks += Long.parseLong(st[11]) + Long.parseLong(st[12]);
                }
            }
            return ticks * 10_000_000L; // USER_HZ 100
        }

        /** The fields of /proc/<pid>/stat after the command's name: [0] state, [1] parent, [11] utime, [12] stime ... */
        private static String[] stat(long pid) {
            try {
                String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
                return s.substring(s.lastIndexOf(')') + 2).split(" ");
            } catch (java.io.IOException | RuntimeException e) {
                return null;
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
