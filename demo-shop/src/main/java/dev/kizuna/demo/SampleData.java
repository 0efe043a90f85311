package dev.kizuna.demo;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.clock.ShopClock;

import dev.kizuna.core.json.Json;
import dev.kizuna.loyalty.coupon.CampaignDraft;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.survey.StarterKit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a new user sees on first start: a catalog, 32 customers (Hanako with a birthday next week) and a year of
 * registrations and delivered orders, so points, ranks, segments and the console have something to show at once.
 */
final class SampleData {
    private final ShopStore store;
    private final ShopCheckout checkout;
    private final KizunaRuntime kizuna;

    SampleData(ShopStore store, ShopCheckout checkout, KizunaRuntime kizuna) {
        this.store = store;
        this.checkout = checkout;
        this.kizuna = kizuna;
    }

    static final List<ShopStore.Product> PRODUCTS = List.of(
            new ShopStore.Product("TEA-001", "煎茶 八女 100g", "Yame sencha 100 g", "tea", 1_620),
            new ShopStore.Product("TEA-002", "抹茶 宇治 30g", "Uji matcha 30 g", "tea", 2_480),
            new ShopStore.Product("TEA-003", "ほうじ茶 ティーバッグ", "Hojicha tea bags", "tea", 980),
            new ShopStore.Product("WARE-001", "有田焼 湯呑み", "Arita-ware teacup", "tableware", 3_300),
            new ShopStore.Product("WARE-002", "南部鉄器 急須", "Nanbu cast-iron teapot", "tableware", 12_100),
            new ShopStore.Product("WARE-003", "竹製 茶さじ", "Bamboo tea scoop", "tableware", 770),
            new ShopStore.Product("SWEET-001", "羊羹 詰め合わせ", "Yokan assortment", "sweets", 2_700),
            new ShopStore.Product("SWEET-002", "どら焼き 5個入り", "Dorayaki, box of 5", "sweets", 1_350),
            new ShopStore.Product("SWEET-003", "抹茶クッキー", "Matcha cookies", "sweets", 864),
            new ShopStore.Product("GIFT-001", "季節のギフトセット", "Seasonal gift set", "gifts", 5_400),
            new ShopStore.Product("GIFT-002", "風呂敷 (藍)", "Furoshiki wrapping cloth (indigo)", "gifts", 2_200),
            new ShopStore.Product("BOOK-001", "日本茶の教科書", "The Japanese tea handbook", "books", 1_980));

    /**
     * A sample customer: registered {@code registeredDaysAgo} days ago, with {@code orders} orders spread from then
     * until {@code lastOrderDaysAgo} days ago (a customer whose last order is months old has lapsed).
     */
    record Person(String email, String name, LocalDate birth, String locale, int registeredDaysAgo, int orders,
                  int lastOrderDaysAgo) {
    }

    /**
     * A year of the shop: the named customers the README describes, then regulars, occasional buyers, new members
     * of the last weeks and customers who bought a few times in spring and not since, so the console's monthly
     * charts, RFM grid, P(alive) and LTV deciles have a history to show.
     */
    static List<Person> people(LocalDate today) {
        List<Person> people = new ArrayList<>(List.of(
                // Hanako, the first member (a year ago), buys every month or so; her birthday is next week
                new Person("hanako@example.jp", "山田 花子", today.plusDays(7).withYear(1988), "ja", 365, 9, 9),
                new Person("taro@example.jp", "佐藤 太郎", LocalDate.of(1975, 11, 3), "ja", 358, 4, 200),
                new Person("yui@example.jp", "鈴木 結衣", LocalDate.of(1996, 2, 29), "ja", 120, 2, 30),
                new Person("ken@example.jp", "高橋 健", LocalDate.of(1982, 7, 21), "ja", 300, 1, 290),
                new Person("emma@example.com", "Emma Wilson", LocalDate.of(1990, 4, 12), "en", 250, 3, 60),
                new Person("li@example.com", "Li Wei", null, "en", 280, 6, 20),
                new Person("sakura@example.jp", "伊藤 さくら", LocalDate.of(2001, 12, 24), "ja", 10, 0, 0),
                new Person("daiki@example.jp", "渡辺 大輝", LocalDate.of(1969, 1, 2), "ja", 362, 15, 4)));
        String[] family = {"中村", "小林", "加藤", "吉田", "山本", "松本", "井上", "木村", "林", "清水", "山崎", "森",
                "池田", "橋本", "阿部", "石川", "前田", "藤田", "小川", "岡田", "後藤", "長谷川", "村上", "近藤"};
        String[] given = {"美咲", "翔太", "陽菜", "蓮", "葵", "大翔", "結菜", "悠真", "芽依", "湊", "凛", "颯太",
                "美月", "陸", "莉子", "樹", "七海", "海斗", "紗希", "拓海", "彩花", "健太", "真央", "直樹"};
        String[] romaji = {"nakamura", "kobayashi", "kato", "yoshida", "yamamoto", "matsumoto", "inoue", "kimura",
                "hayashi", "shimizu", "yamazaki", "mori", "ikeda", "hashimoto", "abe", "ishikawa", "maeda", "fujita",
                "ogawa", "okada", "goto", "hasegawa", "murakami", "kondo"};
        Random random = new Random(2026);
        for (int i = 0; i < family.length; i++) {
            int registered = 20 + random.nextInt(330);
            int kind = i % 4;
            // 0: regular (many orders, bought lately), 1: occasional, 2: lapsed (bought early, not for months), 3: new
            int orders = switch (kind) {
                case 0 -> 5 + random.nextInt(8);
                case 1 -> 1 + random.nextInt(3);
                case 2 -> 2 + random.nextInt(4);
                default -> random.nextInt(2);
            };
            if (kind == 2) {
                registered = Math.max(registered, 290);
            } else if (kind == 3) {
                registered = 5 + random.nextInt(40);
            }
            int last = switch (kind) {
                case 0 -> 1 + random.nextInt(25);
                case 2 -> 150 + random.nextInt(Math.max(1, registered - 200));
                default -> random.nextInt(Math.max(1, registered - 1));
            };
            LocalDate birth = random.nextInt(5) == 0 ? null
                    : LocalDate.of(1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28));
            people.add(new Person(romaji[i] + "." + (i + 1) + "@example.jp", family[i] + " " + given[i], birth, "ja",
                    registered, orders, Math.min(last, registered - 1)));
        }
        return people;
    }

    /** One thing that happened in the sample year, replayed in time order. */
    private record Step(Instant at, int kind, Person person, int index) {
        static final int REGISTER = 0;
        static final int ORDER = 1;
    }

    void load() {
        store.tx(c -> {
            for (ShopStore.Product p : PRODUCTS) {
                store.addProduct(c, p);
            }
            return null;
        });
        ShopClock clock = kizuna.context().clock();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ShopHost.ZONE);
        Random random = new Random(42);
        List<Step> steps = new ArrayList<>();
        for (Person p : people(today)) {
            Instant registered = now.minus(Duration.ofDays(p.registeredDaysAgo())).minus(Duration.ofMinutes(random.nextInt(600)));
            steps.add(new Step(registered, Step.REGISTER, p, 0));
            long first = p.registeredDaysAgo() - 1;
            for (int i = 0; i < p.orders(); i++) {
                // evenly from just after registration to the last order, with a little jitter
                double share = p.orders() == 1 ? 1 : (double) i / (p.orders() - 1);
                long daysAgo = Math.round(first - share * (first - p.lastOrderDaysAgo()));
                Instant placed = now.minus(Duration.ofDays(Math.max(p.lastOrderDaysAgo(), daysAgo)))
                        .plus(Duration.ofMinutes(random.nextInt(600)));
                steps.add(new Step(placed.isAfter(registered) ? placed : registered.plusSeconds(3600), Step.ORDER, p, i));
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        // A dev install replays the year on the shop clock, month by month, with the nightly jobs of each month, so
        // registrations, confirmed points and rank changes carry their dates; otherwise orders keep theirs and the
        // rest is dated today.
        boolean replay = clock.adjustable();
        Map<String, Long> ids = new HashMap<>();
        YearMonth month = null;
        for (Step step : steps) {
            YearMonth stepMonth = YearMonth.from(step.at().atZone(ShopHost.ZONE));
            if (replay && month != null && !stepMonth.equals(month)) {
                clock.set(stepMonth.atDay(1).atStartOfDay(ShopHost.ZONE).plusHours(3).toInstant());
                runJobs(List.of("points-confirmation", "rank-recalculation"));
            }
            month = stepMonth;
            if (replay) {
                clock.set(step.at());
            }
            Person p = step.person();
            if (step.kind() == Step.REGISTER) {
                ids.put(p.email(), checkout.register(new ShopCheckout.NewCustomer(p.email(), p.name(),
                        p.birth() == null ? null : p.birth().toString(), p.locale(), null)));
                continue;
            }
            long id = ids.get(p.email());
            List<ShopCheckout.LineRequest> lines = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                ShopStore.Product product = PRODUCTS.get((step.index() * 5 + k * 3 + (int) id) % PRODUCTS.size());
                if (lines.stream().noneMatch(l -> l.sku().equals(product.sku()))) {
                    lines.add(new ShopCheckout.LineRequest(product.sku(), product.category(), 1 + random.nextInt(2), product.price()));
                }
            }
            ShopCheckout.Placed order = checkout.place(new ShopCheckout.OrderRequest(Long.toString(id), "JPY", lines,
                    null, 0L, null), "127.0.0.1", step.at());
            Instant delivered = step.at().plus(Duration.ofDays(2));
            // an order of the last two days is still on its way
            if (delivered.isBefore(now)) {
                checkout.deliver(Long.parseLong(order.id()), delivered);
            }
        }
        if (replay) {
            clock.set(Instant.now());
        }
        // Today's nightly jobs: points, ranks, RFM segments and the LTV model, Hanako's birthday coupon and the
        // products bought together.
        runJobs(List.of("points-confirmation", "rank-recalculation", "rfm-scoring", "ltv-fit", "birthday-coupons",
                "recommendations"));
    }

    private void runJobs(List<String> names) {
        for (String job : names) {
            kizuna.context().jobs().find(job).ifPresent(j -> kizuna.jobRuns().run(j, "manual", null));
        }
    }

    /**
     * What a merchant would set up on day one, created once and left as the merchant edits it: the post-purchase
     * survey and profile questions of the survey starter kit, and a welcome coupon.
     */
    static void starterKit(KizunaRuntime kizuna) {
        StarterKit.install(kizuna.context().ports());
        kizuna.context().ports().find(Campaigns.class).ifPresent(campaigns -> {
            boolean exists = campaigns.list().stream().anyMatch(c -> "WELCOME10".equals(c.code()));
            if (!exists) {
                campaigns.create(Json.read("""
                        {"name":{"ja":"ようこそクーポン 10%オフ","en":"Welcome coupon, 10% off"},
                         "discount":{"type":"PERCENT","value":10,"cap":2000},"minimumOrder":3000,"currency":"JPY",
                         "code":"WELCOME10","perCustomerLimit":1,"stackableWithPoints":true}""", CampaignDraft.class),
                        CampaignStatus.LIVE, "demo-setup");
            }
        });
    }
}
