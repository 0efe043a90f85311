package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two demo processes on one PostgreSQL behind a round-robin balancer, as an operator runs them: the second node
 * started with the first one's secrets file, a third with other keys refused. Through the balancer a merchant signs
 * in and works in the console (every other request on the other node), the dev clock moves for both, a survey link
 * mailed by one node is answered on the other, "run now" on both nodes at once runs twice one after the other, a
 * {@code kill -9} of the node running {@code rank-recalculation} leaves the run to the other node, which finishes it
 * with the ranks a single uninterrupted statement gives, scheduled triggers fire once, and no mail goes out twice.
 */
class TwoNodeTest {
    static final String TOKEN = "two-node-token";
    static final String ADMIN = "admin";
    static final String PASSWORD = "omotenashi-2026";
    static final int RANK_MEMBERS = 120_000;

    record Node(String name, int port, Process process, Path log) {
        String nodeId() {
            return "demo-" + process.pid();
        }

        String base() {
            return "http://localhost:" + port;
        }
    }

    final List<Node> started = new ArrayList<>();
    final List<String> kills = new ArrayList<>();

    Node start(String name, int port, String jdbcUrl, Path secrets, int smtpPort, String publicUrl) throws IOException {
        Path log = Files.createTempFile("kizuna-" + name + "-", ".log");
        Process p = new ProcessBuilder("java", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", DemoCommandTest.JAR.toString(), "--dev",
                "--admin-token", TOKEN, "--no-sample-data", "--port", Integer.toString(port), "--jdbc-url", jdbcUrl,
                "--secrets-file", secrets.toString(), "--smtp-host", "127.0.0.1", "--smtp-port", Integer.toString(smtpPort),
                "--public-url", publicUrl)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node n = new Node(name, port, p, log);
        started.add(n);
        return n;
    }

    static void awaitReady(Node n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline && n.process().isAlive()) {
            if (Files.readString(n.log(), StandardCharsets.UTF_8).contains("Kizuna demo shop ready at ")) {
                return;
            }
            Thread.sleep(100);
        }
        String state;
        if (n.process().isAlive()) {
            // still starting: its threads' stacks (SIGQUIT) say where it waits
            new ProcessBuilder("kill", "-3", Long.toString(n.process().pid())).start().waitFor(10, TimeUnit.SECONDS);
            Thread.sleep(2_000);
            state = "still running after 180 s";
        } else {
            state = "stopped with exit code " + n.process().exitValue();
        }
        List<String> lines = Files.readAllLines(n.log(), StandardCharsets.UTF_8);
        // the end of the log first: it holds the cause and survives a shortened report
        List<String> tail = lines.subList(Math.max(0, lines.size() - 120), lines.size()).stream()
                .filter(l -> !l.contains("DbMigrate - Migrating")).toList();
        throw new AssertionError(n.name() + " did not start (" + state + "); the end of what it printed:\n"
                + String.join("\n", tail));
    }

    @Test
    void two_nodes_behind_a_round_robin_balancer_serve_as_one_shop() throws Exception {
        assertThat(DemoCommandTest.JAR).as("built by the package phase").exists();
        long t0 = System.nanoTime();
        String jdbcUrl = TestDatabases.emptyDatabase();
        Path dir = Files.createTempDirectory("kizuna-two-nodes-");
        Path secrets = dir.resolve("kizuna-secrets.properties");
        int portA = RunningShop.freePort();
        int portB = RunningShop.freePort();
        List<RoundRobinProxy.Node> rotation = List.of(new RoundRobinProxy.Node("A", portA), new RoundRobinProxy.Node("B", portB));
        try (SmtpSink smtp = new SmtpSink(); RoundRobinProxy proxy = new RoundRobinProxy(rotation);
             Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            Node a = start("A", portA, jdbcUrl, secrets, smtp.port(), proxy.base());
            // the second node starts with the file the first one made (on the empty database), while it starts
            for (int i = 0; i < 1200 && !Files.exists(secrets) && a.process().isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                    .as("the first node made the installation's keys, owner-only").isEqualTo("rw-------");
            Node b = start("B", portB, jdbcUrl, secrets, smtp.port(), proxy.base());
            awaitReady(a);
            awaitReady(b);
            System.out.printf("nodes: A %s on :%d, B %s on :%d, one PostgreSQL; balancer on :%d (%.0f s)%n",
                    a.nodeId(), portA, b.nodeId(), portB, proxy.port(), seconds(t0));
            // Only once the installation's keys are recorded: on an empty database, whichever node records its keys
            // first makes them the installation's, and a node with other keys starting beside A could be first.
            Path wrongKeys = dir.resolve("other-keys.properties");
            writeOtherKeys(wrongKeys);
            Node c = start("C", RunningShop.freePort(), jdbcUrl, wrongKeys, smtp.port(), proxy.base());

            // a third node with keys of its own refuses to start, naming the key and what to do
            assertThat(c.process().waitFor(120, TimeUnit.SECONDS)).as("node C stops by itself").isTrue();
            String refusal = Files.readString(c.log(), StandardCharsets.UTF_8);
            assertThat(c.process().exitValue()).as(refusal).isEqualTo(3);
            assertThat(refusal).contains("encryption key 'k1'").contains("--secrets-file").doesNotContain("ready at");
            System.out.println("node C with other keys refused to start: "
                    + refusal.lines().filter(l -> l.startsWith("Refusing")).findFirst().orElse(refusal.strip()));

            ShopClient admin = new ShopClient(proxy.base(), TOKEN);

            // one clock: moved through the balancer, both nodes read it
            admin.setClock("2030-03-01T10:00:00+09:00");
            Instant moved = Instant.parse("2030-03-01T01:00:00Z");
            for (Node n : List.of(a, b)) {
                assertThat(agreedClock(n, moved)).as("node %s's clock", n.name()).isTrue();
            }
            System.out.println("dev clock moved to 2030-03-01 10:00 JST through the balancer; both nodes read it");

            // a merchant signs in and works through the console, every other request answered by the other node
            ShopClient merchant = new ShopClient(proxy.base(), null);
            long[] hitsBefore = hits(proxy);
            String form = merchant.get("/crm/admin/login").body();
            ShopClient.Response signIn = merchant.postForm("/crm/admin/login", "_csrf=" + csrf(form)
                    + "&username=" + ADMIN + "&password=" + PASSWORD);
            assertThat(signIn.status()).as(signIn.body()).isEqualTo(302);
            for (int i = 0; i < 4; i++) {
                assertThat(merchant.get("/crm/admin/").status()).as("dashboard, request %d", i).isEqualTo(200);
            }
            String jobsPage = merchant.get("/crm/admin/jobs").body();
            ShopClient.Response runNow = merchant.postForm("/crm/admin/jobs/event-retry/run", "_csrf=" + csrf(jobsPage));
            assertThat(runNow.status()).as("run now with the CSRF token another node issued").isEqualTo(302);
            ShopClient.Response after = merchant.get("/crm/admin/jobs");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.body()).as("the notice the other node kept").contains("id=\"flash\"");
            long[] hitsAfter = hits(proxy);
            assertThat(hitsAfter[0] - hitsBefore[0]).as("console requests on A").isPositive();
            assertThat(hitsAfter[1] - hitsBefore[1]).as("console requests on B").isPositive();
            ShopClient.Response signOut = merchant.postForm("/crm/admin/logout", "_csrf=" + csrf(after.body()));
            assertThat(signOut.status()).isIn(302, 303);
            assertThat(merchant.get("/crm/admin/").status()).as("signed out on every node").isEqualTo(302);
            assertThat(merchant.get("/crm/admin/").status()).as("signed out on every node").isEqualTo(302);
            System.out.printf("console: signed in, 4 dashboards, run now, notice, signed out: %d requests on A, %d on B%n",
                    hitsAfter[0] - hitsBefore[0], hitsAfter[1] - hitsBefore[1]);

            // a survey link mailed by one node is answered on the other
            long survey = activeSurvey(admin);
            String email = "two-nodes@example.jp";
            String customer = admin.customer(email, "二台 花子", null);
            String order = admin.placedOrder(customer, List.of(new ShopClient.Line("TEA-002", "tea", 1, 2480)), null);
            admin.orderAction(order, "deliver", null);
            admin.setClock("2030-03-09T11:00:00+09:00");
            for (Node n : List.of(a, b)) {
                assertThat(agreedClock(n, Instant.parse("2030-03-09T02:00:00Z"))).isTrue();
            }
            admin.runJob("survey-invitations");
            String invitedBy = text(db, "SELECT node_id FROM kizuna.job_run WHERE job_name = 'survey-invitations' ORDER BY id DESC LIMIT 1");
            Node writer = invitedBy.equals(a.nodeId()) ? a : b;
            Node other = writer == a ? b : a;
            String token = surveyToken(admin, email);
            ShopClient direct = new ShopClient(other.base(), null);
            ShopClient.Response page = direct.get("/crm/survey/" + token);
            assertThat(page.status()).as("the link on node %s", other.name()).isEqualTo(200);
            Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.body());
            assertThat(version.find()).isTrue();
            ShopClient.Response answered = direct.postForm("/crm/survey/" + token, "version=" + version.group(1) + "&lang=ja&q.nps=9");
            assertThat(answered.status()).as(answered.body()).isEqualTo(200);
            System.out.printf("survey %d: invitation written by node %s, link answered on node %s%n", survey, writer.name(), other.name());

            // run now on both nodes at once: two runs, one after the other, each sending what is due once
            long runsBefore = CrashResilienceTest.number(db, "SELECT count(*) FROM kizuna.job_run WHERE job_name = 'mail-delivery' AND trigger_kind = 'manual'");
            CompletableFuture<ShopClient.Response> onA = CompletableFuture.supplyAsync(
                    () -> new ShopClient(a.base(), TOKEN).post("/crm/api/jobs/mail-delivery/run?wait=true", null));
            CompletableFuture<ShopClient.Response> onB = CompletableFuture.supplyAsync(
                    () -> new ShopClient(b.base(), TOKEN).post("/crm/api/jobs/mail-delivery/run?wait=true", null));
            assertThat(onA.get(2, TimeUnit.MINUTES).status()).isEqualTo(200);
            assertThat(onB.get(2, TimeUnit.MINUTES).status()).isEqualTo(200);
            assertThat(CrashResilienceTest.number(db, "SELECT count(*) FROM kizuna.job_run WHERE job_name = 'mail-delivery' AND trigger_kind = 'manual'")
                    - runsBefore).as("each request ran once").isEqualTo(2);
            assertThat(CrashResilienceTest.number(db, """
                    SELECT count(*) FROM kizuna.job_run x JOIN kizuna.job_run y ON x.id < y.id
                    WHERE x.job_name = 'mail-delivery' AND y.job_name = 'mail-delivery'
                      AND y.started_at < x.finished_at AND x.finished_at IS NOT NULL""")).as("never two at once").isZero();
            assertThat(smtp.mails().stream().filter(m -> m.to().equals(email)).count()).as("the invitation, sent once").isEqualTo(1);
            System.out.printf("run now of mail-delivery on A and B at once: 2 runs, one after the other; %d mail(s) sent%n",
                    smtp.mails().size());

            // kill -9 of the node running rank-recalculation: the other node finishes the run
            seedRanks(db);
            ShopClient.Response requested = admin.post("/crm/api/jobs/rank-recalculation/run", null);
            assertThat(requested.status()).as(requested.body()).isIn(200, 202);
            String runner = null;
            long runId = 0;
            long doneAtKill = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (runner == null && System.nanoTime() < deadline) {
                try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                        SELECT id, node_id, done, total FROM kizuna.job_run WHERE job_name = 'rank-recalculation'
                          AND status = 'RUNNING' AND done > 0 AND done < total ORDER BY id DESC LIMIT 1""")) {
                    if (rs.next()) {
                        runId = rs.getLong(1);
                        runner = rs.getString(2);
                        doneAtKill = rs.getLong(3);
                    }
                }
                Thread.sleep(10);
            }
            assertThat(runner).as("rank-recalculation caught mid-run").isNotNull();
            Node victim = runner.equals(a.nodeId()) ? a : b;
            Node survivor = victim == a ? b : a;
            victim.process().destroyForcibly(); // SIGKILL
            assertThat(victim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            proxy.markDown(victim.name());
            kills.add("node " + victim.name() + " (" + victim.nodeId() + ") with kill -9 during run " + runId + " at "
                    + doneAtKill + " of " + (RANK_MEMBERS + 1) + " members");
            System.out.println("killed " + kills.get(kills.size() - 1));
            long killedAt = System.nanoTime();
            String status = "RUNNING";
            while (!status.equals("SUCCEEDED") && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(90)) {
                Thread.sleep(200);
                status = text(db, "SELECT status FROM kizuna.job_run WHERE id = " + runId);
            }
            assertThat(status).as("the run, finished by the other node").isEqualTo("SUCCEEDED");
            assertThat(text(db, "SELECT node_id FROM kizuna.job_run WHERE id = " + runId)).isEqualTo(survivor.nodeId());
            long resumed = CrashResilienceTest.number(db, "SELECT resumed FROM kizuna.job_run WHERE id = " + runId);
            assertThat(resumed).isPositive();
            assertThat(CrashResilienceTest.number(db, """
                    SELECT count(*) FROM kizuna.member m LEFT JOIN kizuna.member_rank r ON r.member_id = m.id
                    JOIN two_node_baseline b ON b.member_id = m.id WHERE coalesce(r.rank_code, 'REGULAR') <> b.rank_code"""))
                    .as("members whose rank differs from one uninterrupted statement's").isZero();
            long changed = CrashResilienceTest.number(db, "SELECT count(*) FROM two_node_baseline WHERE rank_code <> 'REGULAR'");
            assertThat(CrashResilienceTest.number(db, "SELECT count(*) FROM kizuna.rank_history WHERE trigger = 'RECALCULATION'"))
                    .as("each change recorded once").isEqualTo(changed);
            System.out.printf("rank-recalculation run %d: finished by node %s %.1f s after the kill (resumed %d time(s)),"
                    + " %d members ranked as the baseline statement ranks them, %d history rows%n", runId,
                    survivor.name(), (System.nanoTime() - killedAt) / 1e9, resumed, RANK_MEMBERS, changed);

            // scheduled triggers fire once: one run of a job per firing
            long scheduled = 0;
            for (int i = 0; i < 400 && (scheduled = CrashResilienceTest.number(db, """
                    SELECT count(*) FROM kizuna.job_run WHERE trigger_kind = 'schedule'
                      AND job_name IN ('mail-delivery', 'event-retry')""")) == 0; i++) {
                Thread.sleep(100);
            }
            assertThat(scheduled).as("a minutely trigger fired while both nodes ran").isPositive();
            assertThat(CrashResilienceTest.number(db, """
                    SELECT count(*) FROM (SELECT job_name, date_trunc('minute', started_at) FROM kizuna.job_run
                      WHERE trigger_kind = 'schedule' GROUP BY 1, 2 HAVING count(*) > 1) twice"""))
                    .as("a firing run on two nodes").isZero();

            // no mail twice: every mail the outbox holds as sent reached the server once
            Map<String, Long> sent = new HashMap<>();
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM kizuna.mail_outbox WHERE status = 'SENT'")) {
                rs.next();
                sent.put("outbox", rs.getLong(1));
            }
            assertThat((long) smtp.mails().size()).as("mails the SMTP server received").isEqualTo(sent.get("outbox"));

            long[] total = hits(proxy);
            System.out.printf("two-node test: %d requests through the balancer (node A %d, node B %d), %d scheduled runs"
                            + " (no firing twice), %d job runs in all, kills: %s, %d mails sent once each, %.0f s%n",
                    proxy.requests(), total[0], total[1], scheduled, CrashResilienceTest.number(db, "SELECT count(*) FROM kizuna.job_run"),
                    kills, smtp.mails().size(), seconds(t0));
        } finally {
            for (Node n : started) {
                n.process().destroy();
            }
            for (Node n : started) {
                if (!n.process().waitFor(30, TimeUnit.SECONDS)) {
                    n.process().destroyForcibly();
                }
            }
        }
    }

    /** A key set of its own: what a node started without the installation's file would make. */
    static void writeOtherKeys(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[][] k = new byte[3][32];
        for (byte[] b : k) {
            random.nextBytes(b);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        Files.writeString(file, "kizuna.crypto.keys=k1\\:" + b64.encodeToString(k[0]) + "\n"
                + "kizuna.crypto.index-key=i1\\:" + b64.encodeToString(k[1]) + "\n"
                + "kizuna.crypto.token-key=" + b64.encodeToString(k[2]) + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Whether the node reads the moved clock (a move reaches a node that did not make it within a moment). */
    static boolean agreedClock(Node n, Instant moved) throws InterruptedException {
        ShopClient direct = new ShopClient(n.base(), null);
        for (int i = 0; i < 50; i++) {
            Instant now = Instant.parse(direct.get("/shop/api/dev/clock").get("now").asText());
            if (Duration.between(moved, now).abs().compareTo(Duration.ofMinutes(5)) < 0) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static String csrf(String page) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new AssertionError("no form token on the page:\n" + page);
        }
        return java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    static long[] hits(RoundRobinProxy proxy) {
        return proxy.nodes().stream().mapToLong(n -> n.hits().get()).toArray();
    }

    /** A post-purchase survey, live: invitations a week after delivery. */
    static long activeSurvey(ShopClient admin) {
        ShopClient.Response created = admin.post("/crm/api/surveys", """
                {"code":"two-nodes","design":{"title":{"ja":"ご購入ありがとうございました","en":"Thank you"},
                  "intro":{"ja":"1分ほどのアンケートです。","en":"A one-minute survey."},
                  "thanks":{"ja":"ありがとうございました。","en":"Thank you."},
                  "questions":[{"key":"nps","type":"NPS","required":true,
                    "text":{"ja":"当店をすすめる可能性は?","en":"How likely are you to recommend us?"}}]},
                 "settings":{"name":"Two nodes","rewardPoints":50,"trigger":{"daysAfterDelivery":7,"channel":"ANY",
                  "ranks":[],"segments":[],"samplingPercent":100,"cooldownDays":90,"linkValidDays":30}}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.get("id").asLong();
        ShopClient.Response published = admin.post("/crm/api/surveys/" + id + "/publish", null);
        assertThat(published.status()).as(published.body()).isIn(200, 201, 204);
        ShopClient.Response active = admin.put("/crm/api/surveys/" + id + "/status", "{\"status\":\"ACTIVE\"}");
        assertThat(active.status()).as(active.body()).isIn(200, 204);
        return id;
    }

    static String surveyToken(ShopClient admin, String email) {
        for (JsonNode m : admin.get("/crm/api/outbox?limit=500").json()) {
            if (m.get("to").asText().equals(email) && m.get("template").asText().startsWith("survey")) {
                Matcher link = Pattern.compile("/crm/survey/([A-Za-z0-9._~-]+)").matcher(m.get("bodyHtml").asText());
                assertThat(link.find()).as("the mail carries the survey link").isTrue();
                return link.group(1);
            }
        }
        throw new AssertionError("no invitation to " + email);
    }

    /**
     * Members with earnings inside the qualification window (February 2030; the run judges as of 9 March), and the
     * ranks one hand-written statement gives them by the default ladder.
     */
    static void seedRanks(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("""
                    INSERT INTO kizuna.member (customer_ref, locale, registered_at)
                    SELECT 'RANK-' || g, 'ja', timestamptz '2029-01-01 00:00+09' FROM generate_series(1, %d) g"""
                    .formatted(RANK_MEMBERS));
            st.execute("""
                    INSERT INTO kizuna.points_entry (member_id, kind, points, source, order_ref, earned_points, earned_at)
                    SELECT m.id, 'GRANT', 0, 'ORDER', 'RANK-O-' || m.id || '-' || k, 60 + (m.id * 7919) % 120,
                           timestamptz '2030-02-01 12:00+09' + k * interval '1 day'
                    FROM kizuna.member m CROSS JOIN LATERAL generate_series(1, (m.id % 9)::int) k
                    WHERE m.customer_ref LIKE 'RANK-%'""");
            st.execute("ANALYZE kizuna.member");
            st.execute("ANALYZE kizuna.points_entry");
            st.execute("""
                    CREATE TABLE two_node_baseline AS
                    WITH figures AS (
                        SELECT member_id, sum(points) AS points,
                               count(DISTINCT order_ref) FILTER (WHERE order_ref IS NOT NULL AND points > 0) AS orders
                        FROM kizuna.points_earned GROUP BY member_id)
                    SELECT m.id AS member_id,
                           coalesce((SELECT d.code FROM kizuna.rank_definition d
                                     WHERE coalesce(f.points, 0) >= coalesce(d.min_points, 0)
                                       AND coalesce(f.orders, 0) >= coalesce(d.min_orders, 0)
                                     ORDER BY d.level DESC LIMIT 1), 'REGULAR') AS rank_code
                    FROM kizuna.member m LEFT JOIN figures f ON f.member_id = m.id
                    WHERE m.erased_at IS NULL""");
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
