package dev.kizuna.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

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
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            WebElement r = d.findElement(By.id("job-rank-recalculation"));
            return !String.valueOf(r.getDomAttribute("data-run-id")).equals(String.valueOf(shownRun))
                    && "SUCCEEDED".equals(r.getDomAttribute("data-status"));
        });
        assertThat(driver.findElement(By.id("outcome-rank-recalculation")).getText()).isNotBlank();
        Browser.screenshot(driver, "console-jobs");
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
}
