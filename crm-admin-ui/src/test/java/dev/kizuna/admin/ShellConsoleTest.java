package dev.kizuna.admin;

import dev.kizuna.core.spi.OrderReturned;
import dev.kizuna.core.spi.OrderSubmitted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
        assertThat(walk.menu()).containsExactly("dashboard", "customers", "jobs", "audit", "users", "api-reference");
        assertThat(walk.visitEveryPage()).contains("/", "/customers", "/jobs", "/audit", "/users", "/account", "/api-reference");
        assertThat(walk.page("/points").status()).isEqualTo(404);
        assertThat(walk.dashboardSections()).containsExactly("jobs");
        assertThat(walk.customerSections()).containsExactly("profile", "orders");
        assertThat(walk.shopperViews()).startsWith("<div class=\"kz-shopper\"").doesNotContain("kz-panel");
    }

    @Test
    void the_jobs_page_shows_a_rejected_event_with_its_reason_in_the_admins_language() {
        Instant at = Instant.parse("2026-05-01T01:00:00Z");
        walk.server.runtime.publisher().publish(new OrderSubmitted("sub-R-9", at, "R-9", "C-R", "JPY",
                OrderSubmitted.Channel.WEB, List.of(new OrderSubmitted.OrderLine("TEA", "tea", 1, 1_000, 0)),
                1_000, 0, 0, 0, 0, null, 1_000));
        walk.server.runtime.publisher().publish(new OrderReturned("ret-R-9", at, "R-9",
                List.of(new OrderReturned.ReturnedLine("TEA", 2))));
        String ja = walk.page("/jobs?lang=ja").body();
        assertThat(ja).contains("id=\"event-ret-R-9\"").contains("<td>返品</td>").contains(">却下</span>")
                .contains("return of 2 x TEA exceeds the 1 still kept in order R-9")
                .doesNotContain("event-sub-R-9");
        assertThat(walk.page("/jobs?lang=en").body()).contains("<td>Return</td>").contains(">Rejected</span>");
    }

    @Test
    void run_now_is_confirmed_with_the_jobs_title_not_its_key() {
        walk.page("/jobs?lang=ja");
        WebClient.Response posted = walk.admin.post("/crm/admin/jobs/event-retry/run", Map.of());
        assertThat(posted.status()).as(posted.body()).isBetween(300, 399);
        String next = walk.admin.get(URI.create(posted.location()).getPath()).body();
        assertThat(next).contains("id=\"flash\"").contains("「イベントの再処理」").doesNotContain("event-retry の");
    }
}
