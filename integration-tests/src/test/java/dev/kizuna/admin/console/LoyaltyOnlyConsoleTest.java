package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a shop that dropped in loyalty-module only (run on a classpath without the survey and segment
 * jars): points, ranks and coupons are there, surveys and segments are nowhere, and nothing fails for their absence.
 */
// Runs in its own surefire execution, whose classpath lacks the other modules' jars (integration-tests/pom.xml).
@EnabledIfSystemProperty(named = "kizuna.test.dropped-in", matches = "loyalty")
class LoyaltyOnlyConsoleTest {
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
    void shows_loyalty_and_nothing_of_surveys_or_segments() {
        assertThat(walk.modules()).contains("points", "ranks", "coupons", "console").doesNotContain("surveys", "segments");
        assertThat(walk.menu()).containsExactly("dashboard", "customers", "points", "points-budgets", "ranks", "coupons", "birthday",
                "referrals", "jobs", "audit", "users", "api-reference");
        assertThat(walk.visitEveryPage()).contains("/points", "/points/budgets", "/ranks", "/coupons", "/coupons/birthday", "/referrals")
                .doesNotContain("/surveys", "/segments");
        assertThat(walk.page("/surveys").status()).isEqualTo(404);
        assertThat(walk.page("/segments").status()).isEqualTo(404);
        assertThat(walk.dashboardSections()).containsExactly("ranks", "points", "liability", "coupons", "jobs");
        assertThat(walk.customerSections()).containsExactly("profile", "rank", "points", "coupons", "orders");
        assertThat(walk.shopperViews()).contains("kz-my-coupons").doesNotContain("kz-profile");
    }
}
