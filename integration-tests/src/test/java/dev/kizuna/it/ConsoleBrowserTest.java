package dev.kizuna.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The merchant console and the shopper's account page in headless Chromium, with screenshots of the main pages. */
class ConsoleBrowserTest {
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

    static void signInToConsole() {
        driver.manage().deleteAllCookies();
        driver.get(base + "/crm/admin/login");
        driver.findElement(By.id("login-username")).sendKeys("admin");
        driver.findElement(By.id("login-password")).sendKeys("it-console-secret");
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    @Test
    void a_merchant_signs_in_runs_a_job_and_watches_it_finish() {
        signInToConsole();
        Browser.screenshot(driver, "console-dashboard");
        assertThat(driver.getPageSource()).doesNotContain("id=\"error-page\"");

        driver.get(base + "/crm/admin/jobs");
        WebElement row = driver.findElement(By.id("job-rank-recalculation"));
        String shownRun = row.getDomAttribute("data-run-id");
        driver.findElement(By.id("run-now-rank-recalculation")).click();
        // The page polls the job API and reloads when the run it started has finished.
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement r = d.findElement(By.id("job-rank-recalculation"));
            return !String.valueOf(r.getDomAttribute("data-run-id")).equals(String.valueOf(shownRun))
                    && "SUCCEEDED".equals(r.getDomAttribute("data-status"));
        });
        assertThat(driver.findElement(By.id("outcome-rank-recalculation")).getText()).isNotBlank();
        Browser.screenshot(driver, "console-jobs");
    }

    /** Every chart text: smaller than 11 px on screen, or reaching past its chart's edges. */
    static final String CHART_PROBLEMS = """
            const out = [];
            for (const svg of document.querySelectorAll('svg.chart')) {
              const box = svg.getBoundingClientRect();
              const scale = box.width / svg.viewBox.baseVal.width;
              for (const t of svg.querySelectorAll('text')) {
                const px = parseFloat(getComputedStyle(t).fontSize) * scale;
                const r = t.getBoundingClientRect();
                if (px < 11) out.push(svg.id + ': "' + t.textContent + '" at ' + px.toFixed(1) + ' px');
                if (r.right > box.right + 1 || r.left < box.left - 1) out.push(svg.id + ': "' + t.textContent + '" cut off');
              }
            }
            return out;""";

    @Test
    void the_customers_list_finds_hanako_by_part_of_her_name_and_fits_1366_and_375_px_in_both_languages() {
        signInToConsole();
        try {
            for (String lang : List.of("ja", "en")) {
                for (int width : List.of(1366, 375)) {
                    driver.manage().window().setSize(new Dimension(width, 900));
                    driver.get(base + "/crm/admin/customers?sort=spend&lang=" + lang);
                    assertThat(driver.findElements(By.cssSelector("#customer-results tbody tr[id^='customer-']")))
                            .as("customers listed in " + lang).hasSizeGreaterThan(3);
                    Object overflow = driver.executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    assertThat(((Number) overflow).longValue()).as("page wider than " + width + " px in " + lang)
                            .isLessThanOrEqualTo(0);
                    Browser.screenshot(driver, "console-customers-" + width + "-" + lang);
                }
                driver.manage().window().setSize(new Dimension(1366, 900));
                driver.get(base + "/crm/admin/customers?lang=" + lang);
                driver.findElement(By.id("customer-q")).sendKeys("花子");
                Browser.submitAndWait(driver, By.id("customer-search-submit"));
                assertThat(driver.findElement(By.id("customer-results")).getText()).contains("山田 花子");
                Browser.screenshot(driver, "console-customers-search-" + lang);
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void charts_are_readable_and_the_menu_fits_one_line_at_1366_px_in_both_languages() {
        signInToConsole();
        try {
            for (String lang : List.of("ja", "en")) {
                driver.manage().window().setSize(new Dimension(1366, 900));
                for (String page : List.of("", "segments", "surveys")) {
                    driver.get(base + "/crm/admin/" + page + "?lang=" + lang);
                    assertThat(driver.findElements(By.cssSelector("svg.chart"))).as(page).isNotEmpty();
                    @SuppressWarnings("unchecked")
                    List<Object> problems = (List<Object>) driver.executeScript(CHART_PROBLEMS);
                    assertThat(problems).as("/" + page + " in " + lang + " at 1366 px").isEmpty();
                    Browser.screenshot(driver, "console-" + (page.isEmpty() ? "dashboard" : page) + "-1366-" + lang);
                }
                driver.get(base + "/crm/admin/?lang=" + lang);
                Object rows = driver.executeScript("""
                        return new Set([...document.querySelectorAll('#nav > a, #nav > details > summary')]
                            .map(a => Math.round(a.getBoundingClientRect().top))).size;""");
                assertThat(rows).as("menu rows in " + lang).isEqualTo(1L);
                Object topbar = driver.executeScript("return document.querySelector('.topbar').getBoundingClientRect().height;");
                assertThat(((Number) topbar).doubleValue()).as("the top bar is one line in " + lang).isLessThan(60);

                driver.manage().window().setSize(new Dimension(375, 800));
                driver.get(base + "/crm/admin/?lang=" + lang);
                @SuppressWarnings("unchecked")
                List<Object> narrow = (List<Object>) driver.executeScript(CHART_PROBLEMS);
                assertThat(narrow).as("dashboard in " + lang + " at 375 px").isEmpty();
                Browser.screenshot(driver, "console-dashboard-375-" + lang);
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Test
    void a_shopper_signs_in_and_sees_the_account_page() {
        driver.manage().deleteAllCookies();
        String email = "browser-shopper@example.jp";
        ShopClient.shop().customer(email, "ブラウザ 花子", "1990-05-05");
        driver.get(base + "/shop/signin");
        driver.findElement(By.id("signin-email")).sendKeys(email);
        driver.findElement(By.id("signin-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/shop/account"));
        assertThat(driver.getPageSource()).contains("ブラウザ 花子");
        Browser.screenshot(driver, "shop-account");
    }

    static void fill(String id, String value) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    @Test
    void a_merchant_creates_a_coupon_campaign_and_a_rank() {
        signInToConsole();
        driver.get(base + "/crm/admin/coupons/new");
        fill("f-name-ja", "ブラウザ限定 10%オフ");
        fill("f-name-en", "Browser special 10% off");
        fill("f-code", "BROWSER10");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("f-discount-type"))).selectByValue("PERCENT");
        fill("f-discount-value", "10");
        fill("f-minimumOrder", "1000");
        // Date inputs take the browser's locale format when typed; set the ISO value the form posts instead.
        driver.executeScript("document.getElementById('f-validTo').value = '2031-12-31'");
        driver.findElement(By.id("campaign-save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().matches(".*/coupons/\\d+$"));
        assertThat(driver.findElement(By.id("campaign-heading")).getText()).contains("ブラウザ限定 10%オフ");
        Browser.screenshot(driver, "console-coupon-campaign");

        driver.get(base + "/crm/admin/ranks/new");
        fill("f-code", "LEGEND");
        fill("f-name-ja", "レジェンド");
        fill("f-name-en", "Legend");
        fill("f-thresholds-points", "20000");
        fill("f-thresholds-orders", "80");
        fill("f-benefits-pointMultiplierPercent", "400");
        driver.findElement(By.id("rank-save")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/ranks"));
        assertThat(driver.findElement(By.id("rank-LEGEND")).getText()).contains("レジェンド");
        Browser.screenshot(driver, "console-ranks");

        // The birthday coupon's terms are edited like any campaign's.
        driver.get(base + "/crm/admin/coupons/birthday");
        driver.findElement(By.cssSelector("#birthday a[href*='/coupons/']")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().matches(".*/coupons/\\d+$"));
        String url = driver.getCurrentUrl();
        fill("f-discount-value", "12");
        // the save answers with the same address, so wait for the old page to go rather than for the URL
        Browser.submitAndWait(driver, By.id("campaign-save"));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().equals(url));
        assertThat(driver.findElement(By.id("f-discount-value")).getDomProperty("value")).isEqualTo("12");
        assertThat(driver.getPageSource()).doesNotContain("field-error");
        Browser.screenshot(driver, "console-birthday-coupon");
    }

    @Test
    void a_shopper_sees_points_rank_progress_and_a_coupon_on_the_account_page() {
        ShopClient admin = ShopClient.admin();
        admin.setClock("2031-03-01T10:00:00+09:00");
        String email = "browser-points@example.jp";
        String customer = admin.customer(email, "ポイント 見る子", null);
        String order = admin.placedOrder(customer, java.util.List.of(new ShopClient.Line("WARE-002", "tableware", 1, 12_100)), null);
        admin.orderAction(order, "deliver", null);
        admin.setClock("2031-03-20T10:00:00+09:00");
        admin.runJob("points-confirmation");
        ShopClient.Response campaign = admin.post("/crm/api/campaigns", """
                {"name":{"ja":"会員さま限定 500円引き","en":"Members: 500 yen off"},"discount":{"type":"FIXED","value":500},
                 "minimumOrder":3000,"currency":"JPY","validTo":"2031-12-31T23:59:59+09:00"}""");
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        ShopClient.Response codes = admin.post("/crm/api/campaigns/" + campaign.get("id").asLong() + "/codes",
                "{\"assignTo\":[\"" + customer + "\"]}");
        assertThat(codes.status()).as(codes.body()).isEqualTo(201);

        driver.manage().deleteAllCookies();
        driver.get(base + "/shop/signin");
        driver.findElement(By.id("signin-email")).sendKeys(email);
        driver.findElement(By.id("signin-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/shop/account"));

        assertThat(driver.findElement(By.id("kz-points-available")).getText()).isEqualTo("121");
        assertThat(driver.findElement(By.id("kz-rank-name")).getText()).isNotBlank();
        WebElement progress = driver.findElement(By.id("kz-rank-progress-0"));
        assertThat(Long.parseLong(progress.getDomAttribute("value"))).isPositive();
        assertThat(driver.findElement(By.id("kz-rank-missing")).getText()).as("79 points and one order to Silver")
                .contains("79").containsAnyOf("1 order", "1 回").doesNotContain("1 orders");
        String code = codes.get("assigned").get(0).get("code").asText();
        assertThat(driver.findElement(By.id("kz-my-coupons")).getText()).contains(code)
                .containsAnyOf("会員さま限定 500円引き", "Members: 500 yen off");
        Browser.screenshot(driver, "shop-account-kizuna");
    }

    @Test
    void a_shopper_checks_out_with_the_welcome_coupon_and_points() {
        ShopClient admin = ShopClient.admin();
        admin.setClock("2032-04-01T10:00:00+09:00");
        String email = "browser-checkout@example.jp";
        String customer = admin.customer(email, "Checkout Tester", null);
        String earlier = admin.placedOrder(customer, java.util.List.of(new ShopClient.Line("TEA-002", "tea", 4, 2_480)), null);
        admin.orderAction(earlier, "deliver", null);
        admin.setClock("2032-04-20T10:00:00+09:00");
        admin.runJob("points-confirmation");
        long before = admin.get("/crm/api/customers/" + customer + "/points").get("available").asLong();
        assertThat(before).isEqualTo(99);

        driver.manage().deleteAllCookies();
        driver.get(base + "/shop/signin");
        driver.findElement(By.id("signin-email")).sendKeys(email);
        driver.findElement(By.id("signin-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/shop/account"));
        driver.get(base + "/shop/product?sku=WARE-002");
        driver.findElement(By.id("add-WARE-002")).click();
        driver.get(base + "/shop/cart");
        driver.findElement(By.id("checkout-coupon")).sendKeys("WELCOME10");
        driver.findElement(By.id("checkout-points")).sendKeys("50");
        Browser.screenshot(driver, "shop-cart");
        driver.findElement(By.id("checkout-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("placed-order")).isEmpty());
        // 12,100 − 10 % (1,210) − 50 points; the demo ships free from 5,000
        String total = driver.findElement(By.id("placed-total")).getText().replaceAll("[^0-9]", "");
        assertThat(Long.parseLong(total)).isEqualTo(12_100 - 1_210 - 50);
        assertThat(driver.findElement(By.id("nav-cart")).getText()).as("the cart is empty after the order").endsWith("(0)");
        Browser.screenshot(driver, "shop-order-placed");
        assertThat(admin.get("/crm/api/customers/" + customer + "/points").get("available").asLong()).isEqualTo(before - 50);
    }
}
