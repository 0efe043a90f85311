package dev.kizuna.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.core.scheduling.KizunaJob;
import dev.kizuna.core.spi.CustomerDeleted;
import dev.kizuna.core.spi.OrderDelivered;
import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.text.LocalizedText;
import dev.kizuna.core.web.Role;
import dev.kizuna.demo.DemoShop;
import dev.kizuna.survey.feedback.Choice;
import dev.kizuna.survey.feedback.InvitationTrigger;
import dev.kizuna.survey.feedback.Question;
import dev.kizuna.survey.feedback.QuestionType;
import dev.kizuna.survey.feedback.SurveyAdmin;
import dev.kizuna.survey.feedback.SurveyDesign;
import dev.kizuna.survey.feedback.SurveySettings;
import dev.kizuna.survey.feedback.SurveyStatus;
import dev.kizuna.survey.profiling.AskRule;
import dev.kizuna.survey.profiling.ProfileAnswerType;
import dev.kizuna.survey.profiling.ProfileQuestion;
import dev.kizuna.survey.profiling.ProfileQuestionAdmin;
import dev.kizuna.survey.results.SurveyQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page for every console role and every shopper page, in Japanese and in English, on a demo shop
 * filled with every kind of data: the sample year, and on top of it orders delivered, cancelled and partly returned,
 * points adjusted, redeemed and expired, a survey with every question type answered whole, in part and erased, profile
 * answers of every type, coupons issued, used and expired, a birthday coupon, a customer erased, parked and rejected
 * events and a run of every job. Routes come from the tables the console and the shop dispatch on; a path parameter
 * takes every real id of its kind. {@link PageChecks} says what no page may show. Headless Chromium then shows each
 * page once per language (and shopper pages on a phone too, which must not scroll sideways) and keeps a screenshot in
 * {@code target/screenshots/walk/}.
 */
class PageWalkerTest {
    static final String TOKEN = "walk-admin-token";
    static final String ADMIN_PASSWORD = "walk-console-secret";
    static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    static final Path SHOTS = Browser.SCREENSHOTS.resolve("walk");
    static final List<String> LANGS = List.of("ja", "en");
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static DemoShop shop;
    static String base;
    static ShopClient admin;
    static final List<String> faults = Collections.synchronizedList(new ArrayList<>());
    static int requests;

    /** What the walk made, to give routes their real ids. */
    static final Map<String, String> customers = new LinkedHashMap<>();
    static final Map<String, List<String>> ordersOf = new LinkedHashMap<>();
    static final List<String> surveyLinks = new ArrayList<>();
    static String usedSurveyLink;
    static String supportNote;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("kizuna-walk-");
        shop = DemoShop.start("--port", Integer.toString(RunningShop.freePort()), "--data-dir", data.toString(), "--dev",
                "--admin-token", TOKEN, "--admin-user", "admin", "--admin-password", ADMIN_PASSWORD);
        base = "http://localhost:" + shop.port();
        admin = new ShopClient(base, TOKEN);
    }

    @AfterAll
    static void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void every_page_reads_right_for_every_role_and_shopper_in_both_languages() throws Exception {
        long started = System.nanoTime();
        LocalDate walkDay = fill();
        long filled = System.nanoTime();
        PageChecks checks = checks(walkDay);

        Map<String, List<String>> consoleUrls = consoleUrls();
        Map<Role, Web> staff = new LinkedHashMap<>();
        staff.put(Role.ADMIN, Web.console("admin", ADMIN_PASSWORD));
        staff.put(Role.MARKETER, Web.console("walk-marketer", "green-tea-marketer-2026"));
        staff.put(Role.SUPPORT, Web.console("walk-support", "green-tea-support-2026"));
        int consolePages = 0;
        for (Map.Entry<Role, Web> s : staff.entrySet()) {
            for (String lang : LANGS) {
                for (Map.Entry<String, List<String>> route : consoleUrls.entrySet()) {
                    for (String url : route.getValue()) {
                        Web.Page p = s.getValue().get(url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
                        consolePages++;
                        report(checks, "console " + s.getKey() + " " + lang + " " + url, lang, p);
                    }
                }
            }
        }
        int posts = postEmptyForms(checks, staff.get(Role.ADMIN));

        Map<String, List<String>> shopUrls = shopUrls();
        int shopPages = 0;
        for (Map.Entry<String, Web> shopper : shoppers().entrySet()) {
            for (String lang : LANGS) {
                for (String url : shopUrls.get(shopper.getKey())) {
                    Web.Page p = shopper.getValue().get(url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
                    shopPages++;
                    report(checks, "shop " + shopper.getKey() + " " + lang + " " + url, lang, p);
                }
                shopPages += checkoutErrors(checks, shopper.getKey(), shopper.getValue(), lang);
            }
        }
        long walked = System.nanoTime();
        int shots = screenshots(checks, consoleUrls, shopUrls);
        long done = System.nanoTime();

        System.out.printf(Locale.ROOT, "page walk: %d console routes (%d URLs) x %d roles x %d languages = %d console pages, "
                        + "%d empty form posts, %d shop pages, %d screenshots; %d requests; fill %.1f s, walk %.1f s, "
                        + "browser %.1f s; %d bundle keys, %d enum constants checked%n",
                consoleUrls.size(), consoleUrls.values().stream().mapToInt(List::size).sum(), staff.size(), LANGS.size(),
                consolePages, posts, shopPages, shots, requests, (filled - started) / 1e9, (walked - filled) / 1e9,
                (done - walked) / 1e9, checks.keyCount(), checks.constantCount());
        Files.write(Path.of("target", "page-walk-faults.txt"), new TreeSet<>(faults));
        assertThat(new TreeSet<>(faults)).as("what the walk found (also in target/page-walk-faults.txt)").isEmpty();
    }

    static void report(PageChecks checks, String where, String lang, Web.Page p) {
        requests++;
        // a download (CSV) is for a spreadsheet, not read as a page: only its status counts
        String html = p.contentType().startsWith("text/html") ? p.body() : "";
        for (String f : checks.faults(lang, p.status(), html)) {
            faults.add(where + " → " + f);
        }
    }

    /**
     * The checks, with the walk's proper nouns (customers' and products' Latin names) allowed, and the day before the
     * walk's day forbidden: what the walk did at 00:20 in Tokyo happened on that day in UTC.
     */
    static PageChecks checks(LocalDate walkDay) {
        PageChecks checks = PageChecks.load().allow(List.of("Emma Wilson", "Li Wei", "Walker Jones", "Emma", "Wilson",
                "Walker", "Jones"));
        LocalDate utcDay = walkDay.minusDays(1);
        checks.forbidDay(DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.JAPANESE).format(utcDay),
                DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).format(utcDay));
        return checks;
    }

    // ------------------------------------------------------------------ the data

    static void clock(ZonedDateTime at) {
        admin.setClock(at.toOffsetDateTime().toString());
    }

    static ShopClient.Line line(String sku, String category, int quantity, long price) {
        return new ShopClient.Line(sku, category, quantity, price);
    }

    static String order(String who, List<ShopClient.Line> lines, String extra) {
        String id = admin.placedOrder(customers.get(who), lines, extra);
        ordersOf.computeIfAbsent(who, k -> new ArrayList<>()).add(id);
        return id;
    }

    static JsonNode ok(ShopClient.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r.json();
    }

    static <T> T port(Class<T> type) {
        return shop.kizuna().context().ports().require(type);
    }

    /** Fills the shop; returns the walk's day (the last things happen at 00:20 on it, Tokyo time). */
    static LocalDate fill() {
        KizunaRuntime rt = shop.kizuna();
        LocalDate today = LocalDate.ofInstant(rt.context().clock().instant(), ZONE);
        LocalDate walkDay = today.plusDays(20);
        ZonedDateTime t1 = today.plusDays(5).atTime(10, 0).atZone(ZONE);
        clock(t1);
        customers.put("hanako", "1");
        customers.put("all", admin.customer("walk-all@example.jp", "歩 全子", walkDay.plusDays(5).withYear(1990).toString()));
        customers.put("nps", admin.customer("walk-nps@example.jp", "歩 点子", null));
        customers.put("erased", admin.customer("walk-erase@example.jp", "歩 消子", "1985-01-15"));
        ShopClient.Response en = admin.post("/shop/api/customers",
                "{\"email\":\"walk-en@example.com\",\"name\":\"Walker Jones\",\"locale\":\"en\"}");
        customers.put("en", ok(en).get("id").asText());
        customers.put("gone", admin.customer("walk-gone@example.jp", "歩 去子", null));
        customers.put("new", admin.customer("walk-new@example.jp", "歩 新子", null));
        // a second account of the person behind "all" (same name and birth date): the duplicates job proposes the two
        customers.put("twin", admin.customer("walk-twin@example.jp", "歩 全子", walkDay.plusDays(5).withYear(1990).toString()));

        // a survey with every question type, and a profile question answered in free text
        SurveyAdmin surveys = port(SurveyAdmin.class);
        long survey = surveys.create(new SurveyAdmin.NewSurvey("walk-every-type", new SurveyDesign(
                LocalizedText.of("お買い物の感想", "About your order"), LocalizedText.of("1分で終わります。", "It takes a minute."),
                LocalizedText.of("ありがとうございました。", "Thank you."), List.of(
                new Question("nps", QuestionType.NPS, true, LocalizedText.of("おすすめしますか", "Would you recommend us"), null, null),
                new Question("rating", QuestionType.RATING, false, LocalizedText.of("配送の評価", "Rate the delivery"), null, null),
                new Question("reason", QuestionType.SINGLE_CHOICE, false, LocalizedText.of("決め手は", "Why us"),
                        List.of(new Choice("price", LocalizedText.of("価格", "Price")),
                                new Choice("quality", LocalizedText.of("品質", "Quality"))), null),
                new Question("likes", QuestionType.MULTIPLE_CHOICE, false, LocalizedText.of("好きな商品", "What you like"),
                        List.of(new Choice("sweets", LocalizedText.of("和菓子", "Sweets")),
                                new Choice("tea", LocalizedText.of("お茶", "Tea"))), null),
                new Question("comment", QuestionType.FREE_TEXT, false, LocalizedText.of("ご意見", "Comments"), null, null))),
                new SurveySettings("全種類の質問", 20,
                        new InvitationTrigger(7, InvitationTrigger.Channel.ANY, List.of(), List.of(), 100, 0, 30))), "walk").id();
        surveys.publish(survey, "walk");
        surveys.changeStatus(survey, new SurveyAdmin.StatusChange(SurveyStatus.ACTIVE, t1.toInstant().minusSeconds(60)), "walk");
        port(ProfileQuestionAdmin.class).create(new ProfileQuestion("delivery_note",
                LocalizedText.of("配達時のご希望はありますか?", "Anything we should know for the delivery?"), ProfileAnswerType.TEXT,
                List.of(), null, null, 95, false, 0L, List.of(), AskRule.SKIP_IF_KNOWN, 0, true), "walk");

        // coupons: one for everyone to use, one assigned and left to expire, unassigned codes
        long used = ok(admin.post("/crm/api/campaigns", """
                {"name":{"ja":"歩く人限定 300円引き","en":"Walkers: 300 yen off"},"discount":{"type":"FIXED","value":300},
                 "minimumOrder":1000,"currency":"JPY","validTo":"%s"}""".formatted(t1.plusDays(60).toOffsetDateTime()))).get("id").asLong();
        JsonNode usedCodes = ok(admin.post("/crm/api/campaigns/" + used + "/codes",
                "{\"assignTo\":[\"" + customers.get("all") + "\",\"" + customers.get("nps") + "\"]}"));
        long expiring = ok(admin.post("/crm/api/campaigns", """
                {"name":{"ja":"週末だけ 5%オフ","en":"Weekend only, 5% off"},"discount":{"type":"PERCENT","value":5},
                 "currency":"JPY","validTo":"VALID_TO"}""".replace("VALID_TO", t1.plusDays(3).toOffsetDateTime().toString()))).get("id").asLong();
        ok(admin.post("/crm/api/campaigns/" + expiring + "/codes", "{\"assignTo\":[\"" + customers.get("en") + "\"]}"));
        ok(admin.post("/crm/api/campaigns/" + expiring + "/codes", "{\"count\":3}"));
        ok(admin.post("/crm/api/points/campaigns", """
                {"name":{"ja":"お茶ポイント2倍","en":"Double points on tea"},"kind":"MULTIPLIER","multiplierPercent":200,
                 "categories":["tea"],"startsAt":"%s","endsAt":"%s"}""".formatted(t1.toInstant(), t1.plusDays(40).toInstant())));

        // orders: delivered, cancelled, partly returned; a coupon and points spent; an erased customer's order
        String allCode = usedCodes.get("assigned").get(0).get("code").asText();
        String delivered = order("all", List.of(line("TEA-002", "tea", 2, 2_480), line("WARE-001", "tableware", 1, 3_300)),
                "\"couponCode\":\"" + allCode + "\"");
        admin.orderAction(delivered, "deliver", null);
        String cancelled = order("all", List.of(line("SWEET-001", "sweets", 1, 2_700)), null);
        admin.orderAction(cancelled, "cancel", null);
        String returned = order("all", List.of(line("TEA-001", "tea", 3, 1_620), line("GIFT-002", "gifts", 1, 2_200)), null);
        admin.orderAction(returned, "deliver", null);
        admin.orderAction(returned, "return", "{\"lines\":[{\"sku\":\"TEA-001\",\"quantity\":1}]}");
        String hanako = order("hanako", List.of(line("WARE-002", "tableware", 1, 12_100)),
                "\"couponCode\":\"WELCOME10\",\"pointsToRedeem\":100");
        admin.orderAction(hanako, "deliver", null);
        for (String who : List.of("nps", "erased", "en", "gone")) {
            admin.orderAction(order(who, List.of(line("WARE-003", "tableware", 2, 770), line("BOOK-001", "books", 1, 1_980)), null),
                    "deliver", null);
        }
        ok(admin.post("/crm/api/customers/" + customers.get("all") + "/points/adjustments",
                "{\"points\":300,\"reason\":\"配送遅延のお詫び\"}"));
        ok(admin.post("/crm/api/customers/" + customers.get("hanako") + "/points/adjustments",
                "{\"points\":-20,\"reason\":\"重複付与の取り消し\"}"));
        // events Kizuna parks (a delivery of an order it never saw) and rejects (a return of a sku not in the order)
        rt.publisher().publish(new OrderDelivered("walk-parked-delivery", t1.toInstant(), "walk-no-such-order"));
        rt.publisher().publish(new OrderReturned("walk-rejected-return", t1.toInstant(), returned,
                List.of(new OrderReturned.ReturnedLine("NOT-IN-ORDER", 1))));
        // console users of the other roles (and audit entries for them)
        for (String role : List.of("MARKETER", "SUPPORT")) {
            String name = "walk-" + role.toLowerCase(Locale.ROOT);
            ok(admin.post("/crm/api/console/users", """
                    {"username":"%s","displayName":"歩 %s","password":"green-tea-%s-2026","role":"%s","locale":"ja"}"""
                    .formatted(name, role.toLowerCase(Locale.ROOT), role.toLowerCase(Locale.ROOT), role)));
        }

        // a week after delivery: invitations, answered whole, in part, and answered then erased
        clock(t1.plusDays(8));
        admin.runJob("survey-invitations");
        SurveyQueries queries = port(SurveyQueries.class);
        answer(queries, "all", "walk-every-type", Map.of("nps", "9", "rating", "4", "reason", "quality",
                "likes", "sweets,tea", "comment", "包装が丁寧でした"));
        answer(queries, "all", "post-purchase", Map.of("nps", "6", "liked", "price,delivery", "improve", "箱が少し大きすぎました"));
        answer(queries, "nps", "walk-every-type", Map.of("nps", "3"));
        answer(queries, "erased", "walk-every-type", Map.of("nps", "10", "rating", "5", "reason", "price", "likes", "tea",
                "comment", "また買います"));
        queries.pendingFor(customers.get("en")).stream().findFirst()
                .ifPresent(p -> surveyLinks.add(p.link().substring(p.link().indexOf("/crm/survey/"))));
        ShopClient allShopper = signedIn("walk-all@example.jp");
        ok(allShopper.post("/crm/api/me/profile/questions", """
                {"context":"account","answers":[{"key":"favourite_categories","values":["tea","sweets"]},
                 {"key":"household_size","values":["3"]},{"key":"how_heard","values":["friend"]},
                 {"key":"contact_time","values":["evening"]},{"key":"anniversary","values":["2015-06-01"]},
                 {"key":"delivery_note","values":["置き配でお願いします"]}],"skips":[]}"""));
        ok(signedIn("walk-nps@example.jp").post("/crm/api/me/profile/questions",
                "{\"context\":\"account\",\"answers\":[{\"key\":\"household_size\",\"values\":[\"2\"]}],"
                        + "\"skips\":[\"how_heard\",\"favourite_categories\"]}"));
        ShopClient erasing = signedIn("walk-erase@example.jp");
        ok(erasing.post("/crm/api/me/profile/questions",
                "{\"context\":\"account\",\"answers\":[{\"key\":\"how_heard\",\"values\":[\"sns\"]}],\"skips\":[]}"));
        assertThat(erasing.delete("/crm/api/me/profile/answers").status()).isEqualTo(200);
        assertThat(erasing.delete("/crm/api/me/survey-answers").status()).isEqualTo(200);

        // the walk's day, just after midnight in Tokyo (the day before in UTC): an order, an adjustment, an erasure,
        // then every job once (points confirmed and expired, ranks, RFM, LTV, the birthday coupon, the expired coupon …)
        ZonedDateTime walk = walkDay.atTime(0, 20).atZone(ZONE);
        clock(walk);
        String late = order("all", List.of(line("SWEET-002", "sweets", 2, 1_350)), null);
        admin.orderAction(late, "deliver", null);
        ok(admin.post("/crm/api/customers/" + customers.get("all") + "/points/adjustments",
                "{\"points\":50,\"reason\":\"誕生月のおまけ\"}"));
        rt.publisher().publish(new CustomerDeleted("walk-erasure", walk.toInstant(), customers.get("gone")));
        for (KizunaJob job : rt.context().jobs().all()) {
            JsonNode run = admin.runJob(job.name());
            if (!"SUCCEEDED".equals(run.path("status").asText())) {
                faults.add("job " + job.name() + " → ended " + run.path("status").asText() + ": " + run.path("error").asText());
            }
        }
        // a support note with a follow-up, and a webhook endpoint (on a documentation address, disabled at once so
        // nothing is sent to it), after the job runs so their pages show them as staff would
        supportNote = ok(admin.post("/crm/api/customers/" + customers.get("all") + "/notes", """
                {"channel":"PHONE","topic":"DELIVERY","text":"配達時間の変更を希望","followUpOn":"%s","assignedTo":"admin"}"""
                .formatted(walkDay))).get("id").asText();
        long hook = ok(admin.post("/crm/api/webhooks", """
                {"url":"https://203.0.113.10/kizuna","description":"倉庫システム","eventTypes":["points.earned","rank.changed"]}"""))
                .get("subscription").get("id").asLong();
        ok(admin.post("/crm/api/webhooks/" + hook + "/disable", "{}"));
        // a draft broadcast, never sent (the walk's mails stay those its jobs wrote), so its page and form are walked
        ok(admin.post("/crm/api/broadcasts", """
                {"name":{"ja":"冬のおすすめ","en":"Winter picks"},"audience":{"pointsBalance":{"atLeast":1}},
                 "channel":"mail","subject":{"ja":"${name}様、今月のおすすめ","en":"${name}, this month's picks"},
                 "body":{"ja":"<p>${name}様 ポイント: ${points}</p>","en":"<p>Dear ${name}, points: ${points}</p>"}}"""));
        return walkDay;
    }

    static ShopClient signedIn(String email) {
        Web web = Web.shopper(email);
        return web.api();
    }

    /** Opens the customer's invitation to {@code surveyCode} and posts {@code answers} as the survey page's form does. */
    static void answer(SurveyQueries queries, String who, String surveyCode, Map<String, String> answers) {
        long surveyId = port(SurveyAdmin.class).surveys().stream().filter(s -> s.code().equals(surveyCode)).findFirst()
                .orElseThrow().id();
        SurveyQueries.PendingSurvey pending = queries.pendingFor(customers.get(who)).stream()
                .filter(p -> p.surveyId() == surveyId).findFirst()
                .orElseThrow(() -> new IllegalStateException(who + " was not invited to " + surveyCode));
        String path = pending.link().substring(pending.link().indexOf("/crm/survey/"));
        Web anyone = Web.anonymous();
        Web.Page page = anyone.get(path);
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.body());
        assertThat(version.find()).as(page.body()).isTrue();
        StringBuilder form = new StringBuilder("version=" + version.group(1) + "&lang=ja");
        answers.forEach((k, v) -> {
            for (String one : v.split(",")) {
                form.append("&q.").append(k).append('=').append(URLEncoder.encode(one, StandardCharsets.UTF_8));
            }
        });
        Web.Page thanks = anyone.post(path, form.toString());
        assertThat(thanks.status()).as(thanks.body()).isEqualTo(200);
        usedSurveyLink = path;
    }

    // ------------------------------------------------------------------ the routes

    /** Every console GET route (by its pattern) with the URLs it takes: a parameter takes every real id of its kind. */
    static Map<String, List<String>> consoleUrls() {
        Map<String, List<String>> urls = new LinkedHashMap<>();
        for (ConsoleRoutes.Route route : shop.kizuna().context().console().pages().all()) {
            if (route.method().equals("GET")) {
                urls.put(route.pattern(), expand(route.pattern()).stream().map(p -> "/crm/admin" + p).toList());
            }
        }
        return urls;
    }

    static List<String> expand(String pattern) {
        List<String> out = new ArrayList<>(List.of(pattern));
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(pattern);
        while (m.find()) {
            List<String> values = values(pattern, m.group(1));
            if (values.isEmpty()) {
                faults.add("no real value for {" + m.group(1) + "} in " + pattern + ": the walk must learn this parameter");
                return List.of();
            }
            List<String> next = new ArrayList<>();
            for (String o : out) {
                for (String v : values) {
                    next.add(o.replace("{" + m.group(1) + "}", URLEncoder.encode(v, StandardCharsets.UTF_8)));
                }
            }
            out = next;
        }
        return out;
    }

    /** The real values of a route's path parameter, by the route's first segment and the parameter's name. */
    static List<String> values(String pattern, String name) {
        String area = pattern.split("/")[1];
        List<String> out = new ArrayList<>();
        switch (area + ":" + name) {
            case "customers:ref" -> out.addAll(customers.values());
            case "jobs:name" -> shop.kizuna().context().jobs().all().forEach(j -> out.add(j.name()));
            case "users:id" -> ok(admin.get("/crm/api/console/users")).forEach(u -> out.add(u.get("id").asText()));
            case "ranks:code" -> ok(admin.get("/crm/api/ranks")).get("ranks").forEach(r -> out.add(r.get("code").asText()));
            case "coupons:id" -> ok(admin.get("/crm/api/campaigns")).forEach(c -> out.add(c.get("id").asText()));
            case "surveys:id" -> ok(admin.get("/crm/api/surveys")).forEach(s -> out.add(s.get("id").asText()));
            case "segments:key" -> ok(admin.get("/crm/api/segments")).get("segments").forEach(s -> out.add(s.get("key").asText()));
            case "profile-questions:key" -> ok(admin.get("/crm/api/profile-questions")).forEach(q -> out.add(q.get("key").asText()));
            case "points:id" -> ok(admin.get("/crm/api/points/campaigns")).forEach(c -> out.add(c.get("id").asText()));
            case "webhooks:id" -> ok(admin.get("/crm/api/webhooks")).forEach(w -> out.add(w.get("id").asText()));
            // the walk's endpoint is disabled and has no deliveries: replaying an unknown one shows the refusal page
            case "webhooks:webhookId" -> out.add("msg_walk_unknown");
            case "support:id" -> out.add(supportNote);
            case "messaging:id" -> ok(admin.get(pattern.startsWith("/messaging/journeys/") ? "/crm/api/journeys"
                    : "/crm/api/broadcasts")).forEach(c -> out.add(c.get("id").asText()));
            case "duplicates:id" -> ok(admin.get("/crm/api/duplicates")).forEach(p -> out.add(p.get("id").asText()));
            default -> {
                // unknown: reported by the caller
            }
        }
        return out;
    }

    /** Every console form posted empty (with only its CSRF token) in both languages: an error page, never a 500. */
    static int postEmptyForms(PageChecks checks, Web admin) {
        int n = 0;
        // posting these with nothing but the token would do their work (sign out, run a job, remove the walk's endpoint,
        // send the walk's broadcast, switch a journey off, dismiss the walk's duplicate pair)
        Set<String> leftOut = Set.of("/login", "/logout", "/jobs/{name}/run", "/webhooks/{id}/delete",
                "/messaging/broadcasts/{id}/send", "/messaging/journeys/{id}/active", "/duplicates/{id}/dismiss");
        for (ConsoleRoutes.Route route : shop.kizuna().context().console().pages().all()) {
            if (!route.method().equals("POST") || leftOut.contains(route.pattern())) {
                continue;
            }
            List<String> paths = expand(route.pattern());
            if (paths.isEmpty()) {
                continue;
            }
            for (String lang : LANGS) {
                String csrf = admin.csrf();
                Web.Page p = admin.post("/crm/admin" + paths.get(0) + "?lang=" + lang, "_csrf=" + csrf);
                n++;
                report(checks, "console POST (empty) " + lang + " " + route.pattern(), lang, p);
            }
        }
        return n;
    }

    /** Shopper pages by who looks at them: the shop's page routes with real products and orders, and Kizuna's pages. */
    static Map<String, List<String>> shopUrls() {
        List<String> skus = new ArrayList<>();
        ok(admin.get("/shop/api/products")).forEach(p -> skus.add(p.get("sku").asText()));
        Map<String, List<String>> byShopper = new LinkedHashMap<>();
        for (String who : shopperNames()) {
            List<String> urls = new ArrayList<>();
            for (String pattern : shop.shopPages()) {
                String path = pattern.equals("/") ? "/" : "/shop" + pattern;
                if (pattern.contains("{id}")) {
                    List<String> orders = who.equals("anonymous") ? ordersOf.get("all") : ordersOf.getOrDefault(who, List.of());
                    orders.forEach(o -> urls.add(path.replace("{id}", o)));
                } else if (pattern.equals("/product")) {
                    skus.forEach(s -> urls.add(path + "?sku=" + s));
                } else {
                    urls.add(path);
                }
            }
            urls.add("/?q=" + URLEncoder.encode("茶", StandardCharsets.UTF_8));
            for (String pattern : shop.kizuna().context().pages().patterns()) {
                if (pattern.startsWith("/survey/")) {
                    surveyLinks.forEach(urls::add);
                    if (usedSurveyLink != null) {
                        urls.add(usedSurveyLink);
                    }
                    urls.add("/crm/survey/not-a-token");
                } else if (pattern.startsWith("/unsubscribe/") || pattern.startsWith("/go/")) {
                    // messaging's signed links: a link that does not verify is the page a shopper can reach here
                    urls.add("/crm" + pattern.substring(0, pattern.indexOf('{')) + "not-a-token");
                } else {
                    faults.add("no real page for the module page " + pattern + ": the walk must learn it");
                }
            }
            if (!who.equals("anonymous")) {
                urls.add("/crm/api/me/profile/widget?context=account");
            }
            byShopper.put(who, urls);
        }
        return byShopper;
    }

    static List<String> shopperNames() {
        return List.of("anonymous", "hanako", "all", "nps", "erased", "en", "new");
    }

    static Map<String, Web> shoppers() {
        Map<String, Web> out = new LinkedHashMap<>();
        out.put("anonymous", Web.anonymous());
        for (String who : shopperNames()) {
            if (!who.equals("anonymous")) {
                out.put(who, Web.shopper(who.equals("hanako") ? "hanako@example.jp" : "walk-" + (who.equals("erased") ? "erase" : who)
                        + (who.equals("en") ? "@example.com" : "@example.jp")));
            }
        }
        return out;
    }

    /** The cart after refused checkouts (an unknown coupon, negative points, too many points) and an accepted coupon. */
    static int checkoutErrors(PageChecks checks, String who, Web shopper, String lang) {
        if (who.equals("anonymous")) {
            return 0;
        }
        int n = 0;
        String token = shopper.formToken();
        shopper.post("/shop/cart/add", "_token=" + token + "&sku=WARE-001");
        for (String form : List.of("coupon=NO-SUCH-COUPON&points=", "coupon=&points=-5", "coupon=&points=99999999",
                "coupon=WELCOME10&points=abc", "coupon=WELCOME10&points=")) {
            Web.Page p = shopper.post("/shop/checkout?lang=" + lang, "_token=" + token + "&" + form);
            n++;
            report(checks, "shop " + who + " " + lang + " checkout " + form, lang, p);
        }
        Web.Page applied = shopper.post("/shop/cart/apply?lang=" + lang, "_token=" + token + "&coupon=WELCOME10&points=");
        report(checks, "shop " + who + " " + lang + " coupon applied", lang, applied);
        shopper.post("/shop/cart/clear", "_token=" + token);
        return n + 1;
    }

    // ------------------------------------------------------------------ the browser

    static String slug(String url) {
        if (url.startsWith("/crm/survey/")) {
            return url.equals(usedSurveyLink) ? "survey-answered" : surveyLinks.contains(url) ? "survey-open" : "survey-bad-link";
        }
        String s = url.replaceFirst("^/crm/admin", "").replaceFirst("^/shop", "").replaceAll("[?&]lang=[a-z]+", "")
                .replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "home" : s;
    }

    /**
     * Each console route once (its first URL, and the customer page of every walk customer) as the admin, each shop
     * route once as a shopper with every kind of data, in both languages, at 1366 px; shop pages also at 375 px.
     */
    static int screenshots(PageChecks checks, Map<String, List<String>> consoleUrls, Map<String, List<String>> shopUrls)
            throws IOException {
        if (Files.isDirectory(SHOTS)) {
            try (var old = Files.list(SHOTS)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(SHOTS);
        ChromeDriver driver = Browser.open();
        int n = 0;
        try {
            driver.get(base + "/crm/admin/login");
            driver.findElement(By.id("login-username")).sendKeys("admin");
            driver.findElement(By.id("login-password")).sendKeys(ADMIN_PASSWORD);
            driver.findElement(By.id("login-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
            Set<String> console = new LinkedHashSet<>();
            consoleUrls.forEach((pattern, urls) -> {
                if (!pattern.endsWith(".csv") && !urls.isEmpty()) {
                    console.add(pattern.startsWith("/customers/") ? "/crm/admin/customers/" + customers.get("all") : urls.get(0));
                }
            });
            for (String lang : LANGS) {
                width(driver, 1366);
                for (String url : console) {
                    driver.get(base + url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
                    shoot(driver, "console-" + slug(url) + "-admin-" + lang + "-1366", 1366);
                    n++;
                }
            }
            driver.manage().deleteAllCookies();
            driver.get(base + "/shop/signin");
            driver.findElement(By.id("signin-email")).sendKeys("walk-all@example.jp");
            driver.findElement(By.id("signin-submit")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/shop/account"));
            Set<String> pages = new LinkedHashSet<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String url : shopUrls.get("all")) {
                String kind = url.replaceAll("\\d+", "N").replaceAll("sku=[^&]+", "sku");
                if (seen.add(kind) || url.startsWith("/crm/survey/")) {
                    pages.add(url);
                }
            }
            for (String lang : LANGS) {
                for (int px : List.of(1366, 375)) {
                    width(driver, px);
                    for (String url : pages) {
                        if (url.startsWith("/crm/api/")) {
                            continue;
                        }
                        driver.get(base + url + (url.contains("?") ? "&" : "?") + "lang=" + lang);
                        overflow(driver, url, lang, px);
                        shoot(driver, "shop-" + slug(url) + "-all-" + lang + "-" + px, px);
                        n++;
                    }
                    // the cart with a refused coupon
                    driver.get(base + "/shop/product?sku=WARE-001&lang=" + lang);
                    driver.findElement(By.id("add-WARE-001")).click();
                    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/shop/cart"));
                    // the cart keeps what was typed after a refusal, so the field may still hold the last round's code
                    org.openqa.selenium.WebElement coupon = driver.findElement(By.id("checkout-coupon"));
                    coupon.clear();
                    coupon.sendKeys("NO-SUCH-COUPON");
                    // wait for the posted page to replace this one, then for its message (an element of the old page
                    // may be read while it is being replaced)
                    Browser.submitAndWait(driver, By.id("checkout-submit"));
                    new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                            .until(d -> !d.findElements(By.id("flash")).isEmpty()
                            && d.findElement(By.id("flash")).getText().length() > 0 && d.getCurrentUrl().endsWith("/shop/cart"));
                    String kept = driver.findElement(By.id("checkout-coupon")).getDomProperty("value");
                    if (!"NO-SUCH-COUPON".equals(kept)) {
                        faults.add("shop (browser) all " + lang + " cart at " + px + " → the coupon field holds '" + kept
                                + "' after the refusal, not the code typed once");
                    }
                    report(checks, "shop (browser) all " + lang + " cart with an error at " + px, lang,
                            new Web.Page(200, driver.getPageSource(), "text/html"));
                    overflow(driver, "/shop/cart (error)", lang, px);
                    shoot(driver, "shop-cart-error-all-" + lang + "-" + px, px);
                    n++;
                    driver.findElement(By.id("cart-clear")).click();
                }
            }
        } finally {
            driver.quit();
        }
        return n;
    }

    static void width(ChromeDriver driver, int px) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", px, "height", px < 500 ? 812 : 900,
                "deviceScaleFactor", 1, "mobile", px < 500));
    }

    static void overflow(ChromeDriver driver, String url, String lang, int px) {
        if (px != 375) {
            return;
        }
        Object width = driver.executeScript("return document.documentElement.scrollWidth;");
        if (((Number) width).intValue() > 375) {
            faults.add("shop " + lang + " " + url + " → scrolls sideways at 375 px (" + width + " px wide)");
        }
    }

    /** The whole page, not only what the window shows: the viewport is stretched to the page's height for the shot. */
    static void shoot(ChromeDriver driver, String name, int width) throws IOException {
        int height = ((Number) driver.executeScript("return document.documentElement.scrollHeight;")).intValue();
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", Math.min(Math.max(height, 600), 6000), "deviceScaleFactor", 1, "mobile", width < 500));
        Path shot = driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        width(driver, width);
    }

    // ------------------------------------------------------------------ HTTP as a browser does it

    /** A person's browser without JavaScript: cookies, redirects followed, forms posted. */
    record Web(HttpClient http) {
        record Page(int status, String body, String contentType, String uri) {
            Page(int status, String body, String contentType) {
                this(status, body, contentType, "");
            }
        }

        static Web anonymous() {
            return new Web(HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build());
        }

        static Web console(String user, String password) {
            Web w = anonymous();
            Matcher m = CSRF.matcher(w.get("/crm/admin/login").body());
            assertThat(m.find()).isTrue();
            Page p = w.post("/crm/admin/login", "_csrf=" + m.group(1) + "&next=%2F&username=" + user + "&password=" + password);
            // signed in when led away from the sign-in page; what the dashboard shows is the walk's to judge
            assertThat(p.uri()).as("signed in as " + user).doesNotContain("/login");
            return w;
        }

        static Web shopper(String email) {
            Web w = anonymous();
            Page p = w.post("/shop/signin", "_token=" + w.formToken() + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
            // signed in when led to the account page; what that page shows is the walk's to judge
            assertThat(p.uri()).as("signed in as " + email).endsWith("/shop/account");
            return w;
        }

        String formToken() {
            Matcher m = Pattern.compile("name=\"_token\" value=\"([^\"]+)\"").matcher(get("/shop/signin").body());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }

        String csrf() {
            Matcher m = CSRF.matcher(get("/crm/admin/account").body());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }

        /** The same cookies for Kizuna's shopper API. */
        ShopClient api() {
            return new ShopClient(base, null, http);
        }

        Page get(String path) {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Page post(String path, String form) {
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private Page send(HttpRequest.Builder b) {
            try {
                HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                return new Page(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.uri().toString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
