package dev.kizuna.demo;

import dev.kizuna.core.KizunaRuntime;

import dev.kizuna.core.json.Json;
import dev.kizuna.loyalty.coupon.CampaignDraft;
import dev.kizuna.loyalty.coupon.CampaignStatus;
import dev.kizuna.loyalty.coupon.Campaigns;
import dev.kizuna.survey.StarterKit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a new user sees on first start: a catalog, a handful of customers (one with a birthday next week) and a few
 * months of delivered orders, so points, ranks, segments and the console have something to show at once.
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

    void load() {
        store.tx(c -> {
            for (ShopStore.Product p : PRODUCTS) {
                store.addProduct(c, p);
            }
            return null;
        });
        Instant now = kizuna.context().clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ShopHost.ZONE);
        record Person(String email, String name, LocalDate birth, String locale, int orders) {
        }
        List<Person> people = List.of(
                new Person("hanako@example.jp", "山田 花子", today.plusDays(7).withYear(1988), "ja", 9),
                new Person("taro@example.jp", "佐藤 太郎", LocalDate.of(1975, 11, 3), "ja", 4),
                new Person("yui@example.jp", "鈴木 結衣", LocalDate.of(1996, 2, 29), "ja", 2),
                new Person("ken@example.jp", "高橋 健", LocalDate.of(1982, 7, 21), "ja", 1),
                new Person("emma@example.com", "Emma Wilson", LocalDate.of(1990, 4, 12), "en", 3),
                new Person("li@example.com", "Li Wei", null, "en", 6),
                new Person("sakura@example.jp", "伊藤 さくら", LocalDate.of(2001, 12, 24), "ja", 0),
                new Person("daiki@example.jp", "渡辺 大輝", LocalDate.of(1969, 1, 2), "ja", 15));
        Random random = new Random(42);
        for (Person p : people) {
            long id = checkout.register(new ShopCheckout.NewCustomer(p.email(), p.name(),
                    p.birth() == null ? null : p.birth().toString(), p.locale()));
            for (int i = 0; i < p.orders(); i++) {
                Instant placed = now.minus(Duration.ofDays(5 + random.nextInt(170))).minus(Duration.ofMinutes(random.nextInt(600)));
                List<ShopCheckout.LineRequest> lines = new ArrayList<>();
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    ShopStore.Product product = PRODUCTS.get((i * 5 + k * 3 + (int) id) % PRODUCTS.size());
                    if (lines.stream().noneMatch(l -> l.sku().equals(product.sku()))) {
                        lines.add(new ShopCheckout.LineRequest(product.sku(), product.category(), 1 + random.nextInt(2), product.price()));
                    }
                }
                ShopCheckout.Placed order = checkout.place(new ShopCheckout.OrderRequest(Long.toString(id), "JPY", lines, null, 0L, null),
                        "127.0.0.1", placed);
                checkout.deliver(Long.parseLong(order.id()), placed.plus(Duration.ofDays(2)));
            }
        }
        // The sample history's points, ranks and RFM segments, as the nightly jobs would have left them.
        for (String job : List.of("points-confirmation", "rank-recalculation", "rfm-scoring")) {
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
