package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a shop that dropped in survey-module only (run on a classpath without the loyalty and segment
 * jars): surveys and profile questions are there, points, ranks, coupons and segments are nowhere.
 */
// Runs in its own surefire execution, whose classpath lacks the other modules' jars (integration-tests/pom.xml).
@EnabledIfSystemProperty(named = "kizuna.test.dropped-in", matches = "surveys")
class SurveyOnlyConsoleTest {
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
    void shows_surveys_and_nothing_of_loyalty_or_segments() {
        assertThat(walk.modules()).contains("surveys", "console").doesNotContain("points", "ranks", "coupons", "segments");
        assertThat(walk.menu()).containsExactly("dashboard", "customers", "surveys", "profile-questions", "jobs",
                "audit", "users", "api-reference");
        assertThat(walk.visitEveryPage()).contains("/surveys", "/profile-questions")
                .doesNotContain("/points", "/ranks", "/coupons", "/segments");
        assertThat(walk.page("/points").status()).isEqualTo(404);
        assertThat(walk.page("/coupons").status()).isEqualTo(404);
        assertThat(walk.dashboardSections()).containsExactly("nps", "jobs");
        assertThat(walk.customerSections()).containsExactly("profile", "answers", "orders");
        assertThat(walk.shopperViews()).doesNotContain("kz-my-points", "kz-my-rank", "kz-my-coupons");
    }
}
