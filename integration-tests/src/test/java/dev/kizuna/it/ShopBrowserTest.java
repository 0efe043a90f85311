package dev.kizuna.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop's pages as a shopper sees them in headless Chromium, in Japanese and English, at 1366 px and at a
 * phone's 375 px: home, the cart with a refused coupon, checkout with coupon and points, the order-complete page,
 * the order history and My account. Screenshots of each go to {@code target/screenshots/shop-<page>-<lang>-<width>.png}.
 */
class ShopBrowserTest {
    private static final Pattern RAW_KEY = Pattern.compile(
            "\\b(?:cart|nav|order|status|account|signin|register|catalog|footer|placed|form|shop|category|shopper)\\.[a-z][a-z.-]*\\b");
    private static final Pattern RAW_ENUM = Pattern.compile(
            "\\b(?:PLACED|DELIVERED|CANCELLED|PARTIALLY_RETURNED|RETURNED|WEB|STORE|EARN|REDEEM|RESERVE|CONFIRM|GRANT|ADJUST)\\b");
    private static final Pattern ZERO_ROW = Pattern.compile("[−-]¥0(?![0-9,])|[−-]0 pt|ポイント支払い確定\\s+0(?![0-9])");
    private static final Pattern RAW_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    static ChromeDriver driver;
    static String base;

    @BeforeAll
    static void open() {
        base = RunningShop.baseUrl();
        driver = Browser.open();
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** The viewport as a phone's or a laptop's; the page is laid out for it as on the device. */
    static void width(int px) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", px, "height", px < 500 ? 812 : 900,
                "deviceScaleFactor", 1, "mobile", px < 500));
    }

    /** Waits up to 15 s; an element of a page being replaced is looked up again, not an error. */
    static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // an element of a page being replaced is stale, or (in Chromium) no longer in the document
        wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
        return wait;
    }

    static String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** What every shop page must be: no raw key or code, no row of zero, no raw instant, no sideways scrolling. */
    static void looksRight(String page, String lang, int px) {
        String shown = text();
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).as(page).isEqualTo(lang);
        assertThat(RAW_KEY.matcher(shown).results().map(m -> m.group()).toList()).as(page + ": raw message keys").isEmpty();
        assertThat(RAW_ENUM.matcher(shown).results().map(m -> m.group()).toList()).as(page + ": raw codes").isEmpty();
        assertThat(ZERO_ROW.matcher(shown).results().map(m -> m.group()).toList()).as(page + ": zero rows").isEmpty();
        assertThat(RAW_INSTANT.matcher(shown).find()).as(page + ": a raw instant").isFalse();
        assertThat(driver.getPageSource()).as(page).doesNotContain("FreeMarker").doesNotContain("HTTP ERROR");
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as(page + " scrolls sideways at " + px + " px").isLessThanOrEqualTo(0);
        Browser.screenshot(driver, "shop-" + page + "-" + lang + "-" + px);
    }

    static void fill(String id, String value) {
        var e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    static String signInWithPoints(String email) {
        ShopClient admin = ShopClient.admin();
        admin.setClock("2033-05-01T10:00:00+09:00");
        String customer = admin.customer(email, "画面 確認子", null);
        String order = admin.placedOrder(customer, List.of(new ShopClient.Line("WARE-002", "tableware", 1, 12_100)), null);
        admin.orderAction(order, "deliver", null);
        admin.setClock("2033-05-20T10:00:00+09:00");
        admin.runJob("points-confirmation");
        return customer;
    }

    @Test
    void every_shop_page_reads_right_in_both_languages_on_a_laptop_and_a_phone() {
        int n = 0;
        for (String lang : List.of("ja", "en")) {
            for (int px : List.of(1366, 375)) {
                walk(lang, px, "shop-walk-" + (n++) + "@example.jp");
            }
        }
    }

    private void walk(String lang, int px, String email) {
        signInWithPoints(email);
        driver.manage().deleteAllCookies();
        width(px);
        driver.get(base + "/?lang=" + lang);
        looksRight("home", lang, px);

        driver.get(base + "/shop/signin");
        fill("signin-email", email);
        driver.findElement(By.id("signin-submit")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/shop/account"));
        driver.get(base + "/shop/product?sku=WARE-001");
        driver.findElement(By.id("add-WARE-001")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("/shop/cart"));

        // a refused coupon: back on the cart (not on the post target), the reason in the shopper's language, values kept
        fill("checkout-coupon", "NO-SUCH-COUPON");
        fill("checkout-points", "40");
        // the cart may already show a flash (the added line): wait for this post's own message
        String refused = "ja".equals(lang) ? "このクーポンコードはありません" : "no such coupon code";
        driver.findElement(By.id("checkout-submit")).click();
        waiting().until(d -> d.findElements(By.id("flash")).stream().anyMatch(f -> refused.equals(f.getText())));
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/shop/cart");
        assertThat(driver.findElement(By.id("flash")).getText()).isEqualTo(refused);
        assertThat(driver.findElement(By.id("checkout-coupon")).getDomProperty("value")).isEqualTo("NO-SUCH-COUPON");
        assertThat(driver.findElement(By.id("checkout-points")).getDomProperty("value")).isEqualTo("40");
        looksRight("cart-error", lang, px);

        // checkout: the coupon's effect and the points before ordering
        fill("checkout-coupon", "WELCOME10");
        driver.findElement(By.id("checkout-apply")).click();
        waiting().until(d -> !d.findElements(By.id("cart-discount")).isEmpty());
        assertThat(driver.getCurrentUrl()).isEqualTo(base + "/shop/cart");
        assertThat(driver.findElement(By.id("points-balance")).getText()).isEqualTo("121 pt");
        assertThat(driver.findElement(By.id("cart-discount")).getText()).contains("−¥330");
        assertThat(driver.findElement(By.id("cart-points")).getText()).contains("−¥40");
        // ¥3,300 − ¥330 − 40 points + ¥500 shipping
        assertThat(driver.findElement(By.id("cart-pay")).getText()).isEqualTo("¥3,430");
        looksRight("checkout", lang, px);

        driver.findElement(By.id("checkout-submit")).click();
        waiting().until(d -> d.getCurrentUrl().matches(".*/shop/orders/\\d+/complete$"));
        assertThat(driver.findElement(By.id("placed-total")).getText()).isEqualTo("¥3,430");
        assertThat(driver.findElement(By.id("nav-cart")).getText()).contains("0");
        String complete = driver.getCurrentUrl();
        looksRight("order-complete", lang, px);
        // a reload shows the page again and places nothing twice
        driver.navigate().refresh();
        assertThat(driver.getCurrentUrl()).isEqualTo(complete);

        driver.get(base + "/shop/account");
        assertThat(driver.findElements(By.cssSelector("#orders tr"))).as("one order placed by the browser, one earlier").hasSize(2);
        looksRight("account", lang, px);
        driver.get(base + "/shop/account#orders");
        looksRight("order-history", lang, px);

        // the switch on the page changes the language, and the next page keeps it
        String other = "ja".equals(lang) ? "en" : "ja";
        driver.findElement(By.id("lang-" + other)).click();
        waiting().until(d -> other.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        driver.get(base + "/shop/cart");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo(other);
        driver.findElement(By.id("lang-" + lang)).click();
        waiting().until(d -> lang.equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
    }
}
