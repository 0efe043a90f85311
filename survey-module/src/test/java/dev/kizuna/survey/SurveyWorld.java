package dev.kizuna.survey;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.mail.MailOutbox;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.ports.RewardGranter;
import dev.kizuna.core.scheduling.JobRunStatus;
import dev.kizuna.core.scheduling.JobRuns;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.spi.HostEvent;
import dev.kizuna.core.spi.HostPorts;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderSubmitted;
import dev.kizuna.core.testing.ApiClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.survey.feedback.Choice;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.ShowIf;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.invitation.SurveyInvitationJob;
import dev.kizuna.survey.profiling.CustomerProfiles;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import dev.kizuna.survey.results.SurveyQueries;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shop with Kizuna's survey module on a fresh real database, driven the way a host and its shoppers do: host events
 * through the publisher, the invitation job through the job runner, the survey page through its mounted servlet and the
 * API through the core API servlet (only the container's request and response objects are stand-ins). The points
 * feature is not on this module's classpath, so completion rewards go to a {@link Rewards} recorder offered as the
 * {@link RewardGranter} port.
 */
public final class SurveyWorld implements AutoCloseable {
    private final ApiClient api;
    public static final String LINK = "http://shop.test";
    public static final ZoneId ZONE = FakeHost.TOKYO;
    private static final Pattern TOKEN = Pattern.compile("http://shop\\.test/crm/survey/([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)");

    public final KizunaRuntime kizuna;
    public final FakeHost host;
    public final Rewards rewards = new Rewards();

    private final boolean owned;

    private SurveyWorld(KizunaRuntime kizuna, FakeHost host, ApiClient api, boolean owned) {
        this.api = api;
        this.kizuna = kizuna;
        this.host = host;
        this.owned = owned;
        kizuna.context().ports().provide(RewardGranter.class, rewards);
    }

    public static SurveyWorld install() {
        return install(Map.of());
    }

    public static SurveyWorld install(Map<String, String> overrides) {
        FakeHost host = new FakeHost();
        Map<String, String> config = new HashMap<>(overrides);
        config.putIfAbsent("kizuna.public-base-url", LINK);
        KizunaRuntime kizuna = TestKizuna.install(host, config);
        return new SurveyWorld(kizuna, host, new ApiClient(kizuna), true);
    }

    /**
     * The world on a Kizuna that a {@code @KizunaTest} installed with {@code config = SurveyWorld.BASE_URL}; the
     * extension closes it.
     */
    public static SurveyWorld on(KizunaRuntime kizuna, FakeHost host, ApiClient api) {
        return new SurveyWorld(kizuna, host, api, false);
    }

    /** The {@code @KizunaTest} configuration that makes invitation links point at {@link #LINK}. */
    public static final String BASE_URL = "kizuna.public-base-url=" + LINK;

    @Override
    public void close() {
        if (owned) {
            api.close();
            kizuna.close();
        }
    }

    /** The points feature as this module sees it: once per (source, reference), every call remembered. */
    public static final class Rewards implements RewardGranter {
        public record Grant(long memberId, long points, String source, String sourceRef) {
        }

        public final List<Grant> calls = new CopyOnWriteArrayList<>();
        public final List<Grant> granted = new CopyOnWriteArrayList<>();

        @Override
        public boolean grant(dev.kizuna.core.persistence.Tx tx, long memberId, long points, String source,
                             String sourceRef, String reason) {
            Grant g = new Grant(memberId, points, source, sourceRef);
            calls.add(g);
            if (granted.stream().anyMatch(x -> x.source().equals(source) && x.sourceRef().equals(sourceRef))) {
                return false;
            }
            granted.add(g);
            return true;
        }

        public long pointsOf(long memberId, String source) {
            return granted.stream().filter(g -> g.memberId() == memberId && g.source().equals(source))
                    .mapToLong(Grant::points).sum();
        }
    }

    // ---- ports -----------------------------------------------------------------------------------------------------

    public SurveyAdmin surveys() {
        return kizuna.context().ports().require(SurveyAdmin.class);
    }

    public SurveyQueries queries() {
        return kizuna.context().ports().require(SurveyQueries.class);
    }

    public CustomerProfiles profiles() {
        return kizuna.context().ports().require(CustomerProfiles.class);
    }

    public ProfileQuestionAdmin questions() {
        return kizuna.context().ports().require(ProfileQuestionAdmin.class);
    }

    // ---- the host ----------------------------------------------------------------------------------------------------

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public void publish(HostEvent... events) {
        for (EventPublisher.Outcome o : kizuna.publisher().publishAll(List.of(events))) {
            assertThat(o).isEqualTo(EventPublisher.Outcome.APPLIED);
        }
    }

    /** A registered customer the host can mail, speaking {@code locale}; returns the member id. */
    public long customer(String ref, String locale) {
        publish(new CustomerRegistered(id(), Instant.parse("2024-01-01T00:00:00Z"), ref, mail(ref), "Name " + ref, null,
                locale, Map.of("mail", true)));
        host.contacts.put(ref, new HostPorts.Contact(mail(ref), "Name " + ref, locale));
        return memberId(ref);
    }

    public static String mail(String ref) {
        return ref.toLowerCase() + "@example.jp";
    }

    /** An order of {@code channel} submitted a day before {@code deliveredAt} and delivered then; returns its id. */
    public String deliveredOrder(String customerRef, Instant deliveredAt, OrderSubmitted.Channel channel) {
        String orderId = "O-" + id();
        publish(new OrderSubmitted(id(), deliveredAt.minus(Duration.ofDays(1)), orderId, customerRef, "JPY", channel,
                        List.of(new OrderSubmitted.OrderLine("TEA-1", "tea", 1, 3_000, 0)), 3_000, 0, 0, 0, 0, null, 3_000),
                new OrderDelivered(id(), deliveredAt, orderId));
        return orderId;
    }

    public String deliveredOrder(String customerRef, Instant deliveredAt) {
        return deliveredOrder(customerRef, deliveredAt, OrderSubmitted.Channel.WEB);
    }

    public void deleteCustomer(String customerRef, Instant at) {
        publish(new CustomerDeleted(id(), at, customerRef));
    }

    public long memberId(String customerRef) {
        return number("SELECT id FROM member WHERE customer_ref = ?", customerRef);
    }

    public void clock(Instant now) {
        kizuna.context().clock().set(now);
    }

    public static Instant tokyo(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(ZONE).toInstant();
    }

    // ---- surveys -----------------------------------------------------------------------------------------------------

    /**
     * NPS (required); a reason (single choice, required) shown only to detractors (0–6); a free-text comment
     * (optional); a delivery rating (optional).
     */
    public static SurveyDesign design() {
        return new SurveyDesign(LocalizedText.of("ご購入後アンケート", "After your order"),
                LocalizedText.of("1分で終わります。", "It takes a minute."), null, List.of(
                new Question("nps", QuestionType.NPS, true,
                        LocalizedText.of("おすすめしますか?", "Would you recommend us?"), null, null),
                new Question("reason", QuestionType.SINGLE_CHOICE, true,
                        LocalizedText.of("一番の不満は?", "What disappointed you most?"),
                        List.of(new Choice("price", LocalizedText.of("価格", "Price")),
                                new Choice("quality", LocalizedText.of("品質", "Quality")),
                                new Choice("delivery", LocalizedText.of("配送", "Delivery"))),
                        new ShowIf("nps", List.of("0", "1", "2", "3", "4", "5", "6"))),
                new Question("comment", QuestionType.FREE_TEXT, false,
                        LocalizedText.of("ご意見をどうぞ", "Anything else?"), null, null),
                new Question("rating", QuestionType.RATING, false,
                        LocalizedText.of("配送の評価", "Rate the delivery"), null, null)));
    }

    public static InvitationTrigger trigger(int days, int samplingPercent, int cooldownDays) {
        return new InvitationTrigger(days, InvitationTrigger.Channel.ANY, List.of(), List.of(), samplingPercent,
                cooldownDays, 30);
    }

    /** A published, active survey inviting orders delivered from {@code invitesFrom} on. */
    public long activeSurvey(String code, SurveyDesign design, InvitationTrigger trigger, long rewardPoints,
                             Instant invitesFrom) {
        SurveyAdmin admin = surveys();
        long id = admin.create(new SurveyAdmin.NewSurvey(code, design, new SurveySettings("Survey " + code,
                rewardPoints, trigger)), "tester").id();
        admin.publish(id, "tester");
        admin.changeStatus(id, new SurveyAdmin.StatusChange(SurveyStatus.ACTIVE, invitesFrom), "tester");
        return id;
    }

    public JobRuns.JobRun runInvitations(Instant at) {
        clock(at);
        KizunaJob job = kizuna.context().jobs().find(SurveyInvitationJob.NAME).orElseThrow();
        JobRuns.JobRun run = kizuna.jobRuns().run(job, "manual", null);
        assertThat(run.status()).as(run.error()).isEqualTo(JobRunStatus.SUCCEEDED);
        return run;
    }

    public record Mail(long id, Long memberId, String to, String locale, String subject, String body) {
        public String token() {
            Matcher m = TOKEN.matcher(body);
            assertThat(m.find()).as("a survey link in " + body).isTrue();
            return m.group(1);
        }
    }

    public List<Mail> invitationMails() {
        // through the outbox, which opens the sealed address, subject and body
        return tx(tx -> kizuna.context().mail().newest(tx, 500, 0)).stream().filter(m -> m.template().equals("survey-invitation"))
                .sorted(Comparator.comparingLong(MailOutbox.OutgoingMail::id))
                .map(m -> new Mail(m.id(), m.memberId(), m.to(), m.locale(), m.subject(), m.bodyHtml())).toList();
    }

    public List<Mail> invitationMailsTo(String customerRef) {
        return invitationMails().stream().filter(m -> m.to().equals(mail(customerRef))).toList();
    }

    /** The survey invitation decisions of a survey: order ref → SENT, RESPONDED or the skip reason. */
    public Map<String, String> decisions(long surveyId) {
        Map<String, String> out = new HashMap<>();
        tx(tx -> tx.sql().list("""
                SELECT o.order_ref, CASE WHEN i.status = 'SKIPPED' THEN i.skip_reason ELSE i.status END
                FROM survey_invitation i JOIN order_summary o ON o.id = i.order_id WHERE i.survey_id = ?""",
                rs -> out.put(rs.getString(1), rs.getString(2)), surveyId));
        return out;
    }

    // ---- the survey page -------------------------------------------------------------------------------------------

    public record Page(int status, String html) {
    }

    public Page open(String token, String lang) throws Exception {
        return page("GET", token, lang == null ? Map.of() : Map.of("lang", List.of(lang)));
    }

    /** Posts the survey form: {@code answers} by question key (several values for a multiple choice). */
    public Page answer(String token, long versionId, String lang, Map<String, List<String>> answers) throws Exception {
        Map<String, List<String>> form = new HashMap<>();
        form.put("version", List.of(Long.toString(versionId)));
        if (lang != null) {
            form.put("lang", List.of(lang));
        }
        answers.forEach((k, v) -> form.put("q." + k, v));
        return page("POST", token, form);
    }

    /** The version id the page's form carries. */
    public static long formVersion(String html) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(html);
        assertThat(m.find()).as("a version field in the form").isTrue();
        return Long.parseLong(m.group(1));
    }

    private Page page(String method, String token, Map<String, List<String>> params) {
        ApiClient.Reply r = api.page(method, "/" + SurveyModule.PAGE_SEGMENT + "/" + token, params);
        return new Page(r.status(), r.text());
    }

    // ---- the API -----------------------------------------------------------------------------------------------------

    /**
     * Calls {@code /crm/api<path>} over HTTP as the dev admin (shopper null) or as the signed-in shopper, in the
     * language of the query's {@code lang} (Japanese by default).
     */
    public ApiClient.Reply api(String shopper, String method, String pathAndQuery, String body) {
        Matcher lang = Pattern.compile("[?&]lang=([^&]+)").matcher(pathAndQuery);
        return api.call(shopper == null ? new ApiClient.Token() : new ApiClient.Shopper(shopper),
                lang.find() ? lang.group(1) : "ja", method, pathAndQuery, body);
    }

    // ---- the database --------------------------------------------------------------------------------------------

    public <T> T tx(Database.TxWork<T> work) {
        return kizuna.context().database().inTransaction(work);
    }

    public long number(String sql, Object... params) {
        return tx(tx -> tx.sql().number(sql, params));
    }

    public List<String> strings(String sql, Object... params) {
        return tx(tx -> tx.sql().list(sql, rs -> rs.getString(1), params));
    }

    /** Every text cell of a table, as PostgreSQL prints the rows: what someone with a copy of the database reads. */
    public String rawTable(String table) {
        List<String> rows = new ArrayList<>(strings("SELECT t::text FROM " + table + " t"));
        return String.join("\n", rows);
    }
}
