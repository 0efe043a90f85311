package dev.kizuna.messaging;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.spi.CartAbandoned;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A shop with customers, orders, carts and points for the messaging tests, on a real database. */
public final class MessagingWorld {
    public static final String BASE_URL = "https://shop.example.jp";
    public final KizunaRuntime kizuna;
    public final FakeHost host;
    public final ApiClient api;

    public MessagingWorld(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        this.kizuna = kizuna;
        this.host = host;
        this.api = api;
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public void publish(HostEvent... events) {
        for (EventPublisher.Outcome o : kizuna.publisher().publishAll(List.of(events))) {
            assertThat(o).isEqualTo(EventPublisher.Outcome.APPLIED);
        }
    }

    public static String mail(String ref) {
        return ref.toLowerCase() + "@example.jp";
    }

    /** A registered customer; {@code optIn} null gives the host's form without a mail consent at all. */
    public long customer(String ref, String locale, Boolean optIn) {
        publish(new CustomerRegistered(id(), clock(), ref, mail(ref), "Name " + ref, null, locale,
                optIn == null ? Map.of() : Map.of("mail", optIn)));
        host.contacts.put(ref, new HostPorts.Contact(mail(ref), "Name " + ref, locale));
        return memberId(ref);
    }

    public void cartAbandoned(String ref, Instant at) {
        publish(new CartAbandoned(id(), at, ref, 5_000, "JPY"));
    }

    public String order(String ref, Instant at, long total) {
        String orderId = "O-" + id();
        publish(new OrderSubmitted(id(), at, orderId, ref, "JPY", OrderSubmitted.Channel.WEB,
                List.of(new OrderSubmitted.OrderLine("TEA-1", "tea", 1, total, 0)), total, 0, 0, 0, 0, null, total));
        return orderId;
    }

    public void grantPoints(String ref, long points) {
        RewardGranter granter = kizuna.context().ports().require(RewardGranter.class);
        kizuna.context().database().execute(tx -> granter.grant(tx, memberId(ref), points, "ADMIN", id(), "test"));
    }

    public long memberId(String ref) {
        return number("SELECT id FROM member WHERE customer_ref = ?", ref);
    }

    public long number(String sql, Object... args) {
        return kizuna.context().database().inTransaction(tx -> tx.sql().number(sql, args));
    }

    public Instant clock() {
        return kizuna.context().clock().instant();
    }

    public void clock(Instant now) {
        kizuna.context().clock().set(now);
    }

    public static Instant tokyo(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(FakeHost.TOKYO).toInstant();
    }

    public JobRuns.JobRun run(String jobName) {
        KizunaJob job = kizuna.context().jobs().find(jobName).orElseThrow();
        JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        return run;
    }

    public record Mail(long id, Long memberId, String to, String subject, String body, String status) {
    }

    /** The messaging mails in the outbox, oldest first. */
    public List<Mail> mails() {
        return kizuna.context().database().inTransaction(tx -> kizuna.context().mail().newest(tx, 10_000, 0)).stream()
                .filter(m -> m.template().equals("messaging"))
                .map(m -> new Mail(m.id(), m.memberId(), m.to(), m.subject(), m.bodyHtml(), m.status()))
                .sorted(java.util.Comparator.comparingLong(Mail::id)).toList();
    }

    public List<Mail> mailsTo(String ref) {
        return mails().stream().filter(m -> m.to().equals(mail(ref))).toList();
    }

    /** Creates a broadcast through the API and sends it; returns its id. */
    public long broadcast(String audienceJson, int holdoutPercent) {
        ApiClient.Reply created = api.call(new ApiClient.Token(), "POST", "/broadcasts", """
                {"name":{"ja":"ニュースレター","en":"Newsletter"},"audience":%s,"channel":"mail",
                 "subject":{"ja":"${name}様、今月のおすすめ","en":"${name}, this month's picks"},
                 "body":{"ja":"<p>${name}様 現在のポイント: ${points}</p><p><a href=\\"https://shop.example.jp/new\\">新商品</a></p>",
                         "en":"<p>Dear ${name}, you have ${points} points.</p><p><a href=\\"https://shop.example.jp/new\\">New</a></p>"},
                 "holdoutPercent":%d}""".formatted(audienceJson, holdoutPercent));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        ApiClient.Reply sent = api.call(new ApiClient.Token(), "POST", "/broadcasts/" + id + "/send", null);
        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        run("broadcast-send");
        return id;
    }

    public long journeyId(String key) {
        return number("SELECT id FROM journey WHERE key = ?", key);
    }
}
