package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console with every feature module dropped in: every module's menu entries, pages and sections. */
class FullConsoleTest {
    static ConsoleWalk walk;

    @BeforeAll
    static void boot() {
        walk = new ConsoleWalk();
    }

    @AfterAll
    static void stop() {
        walk.close();
    }

    @Test
    void every_module_contributes_its_menu_pages_and_sections() {
        assertThat(walk.modules()).contains("points", "ranks", "coupons", "surveys", "segments", "console");
        assertThat(walk.menu()).containsExactly("dashboard", "customers", "points", "ranks", "coupons", "birthday",
                "surveys", "profile-questions", "segments", "jobs", "audit", "users");
        assertThat(walk.visitEveryPage()).contains("/points", "/ranks", "/coupons", "/surveys", "/profile-questions",
                "/segments", "/jobs", "/audit", "/users");
        assertThat(walk.dashboardSections()).containsExactly("ranks", "points", "liability", "coupons", "nps", "rfm", "jobs");
        assertThat(walk.customerSections()).containsExactly("profile", "rank", "points", "coupons", "segment", "answers",
                "orders");
    }

    @Test
    void the_configured_earning_rules_hold_from_the_start_rather_than_from_an_epoch_date() {
        assertThat(walk.page("/points?lang=en").body()).contains("id=\"rules-effective-from\">From the start")
                .doesNotContain("1970");
        assertThat(walk.page("/points?lang=ja").body()).contains("id=\"rules-effective-from\">最初から")
                .doesNotContain("1970");
    }

    @Test
    void each_rank_benefit_is_listed_once() {
        String ja = walk.page("/ranks?lang=ja").body();
        assertThat(ja).contains("ゴールド以上限定クーポン").doesNotContain("ポイント1.5倍").doesNotContain("お誕生日に300ポイント");
        String en = walk.page("/ranks?lang=en").body();
        assertThat(en).contains("Coupons for Gold and above").doesNotContain("1.5× points");
    }
}
