package dev.kizuna.admin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console shell on its own, as crm-admin-ui's classpath has it (crm-core and no feature module): sign-in,
 * dashboard, customers, jobs, audit and users work, and no feature's menu entry, page or section appears.
 */
class ShellConsoleTest {
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
    void the_shell_works_without_any_feature_module() {
        assertThat(walk.modules()).containsExactly("console");
        assertThat(walk.menu()).containsExactly("dashboard", "customers", "jobs", "audit", "users");
        assertThat(walk.visitEveryPage()).contains("/", "/customers", "/jobs", "/audit", "/users", "/account");
        assertThat(walk.page("/points").status()).isEqualTo(404);
        assertThat(walk.dashboardSections()).containsExactly("jobs");
        assertThat(walk.customerSections()).containsExactly("profile", "orders");
        assertThat(walk.shopperViews()).startsWith("<div class=\"kz-shopper\"").doesNotContain("kz-panel");
    }
}
