package dev.kizuna.admin.console;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.KizunaServletInitializer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.admin.console.users.AdminUsers;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.web.Access;
import dev.kizuna.core.web.ApiRoutes;
import dev.kizuna.core.web.Role;
import dev.kizuna.core.web.SecurityHeadersFilter;
import dev.kizuna.core.console.ConsoleRoutes;
import dev.kizuna.admin.console.ConsoleSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's and admin API's access rules over real HTTP: anonymous and wrong-role callers are refused on every
 * route, POSTs need the CSRF token, stored text is escaped, support sees PII masked, failed sign-ins lock out.
 */
class ConsoleSecurityTest {
    static ConsoleServer server;
    static WebClient admin;
    static WebClient marketer;
    static WebClient support;

    @BeforeAll
    static void start() {
        server = ConsoleServer.start();
        server.runtime.publisher().publish(new CustomerRegistered("ev-sec-1", Instant.parse("2026-03-01T00:00:00Z"),
                "C-XSS", "hanako.yamada@example.jp", "<script>alert('x')</script> Hanako", LocalDate.of(1990, 4, 12),
                "ja", Map.of("email", true)));
        admin = server.signedIn(ConsoleServer.ADMIN);
        marketer = server.signedIn(ConsoleServer.MARKETER);
        support = server.signedIn(ConsoleServer.SUPPORT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String concrete(String pattern) {
        return pattern.replaceAll("\\{ref}", "C-XSS").replaceAll("\\{name}", "console-login-attempts-cleanup")
                .replaceAll("\\{[a-zA-Z]+}", "1");
    }

    static List<ConsoleRoutes.Route> consoleRoutes() {
        return new Console(server.runtime).routes().all();
    }

    @Test
    void every_console_page_sends_anonymous_visitors_to_sign_in() {
        WebClient anonymous = server.client();
        List<String> checked = new ArrayList<>();
        for (ConsoleRoutes.Route route : consoleRoutes()) {
            if (route.isPublic() || !route.method().equals("GET")) {
                continue;
            }
            WebClient.Response r = anonymous.get("/crm/admin" + concrete(route.pattern()));
            assertThat(r.status()).as(route.pattern()).isEqualTo(302);
            assertThat(r.location()).as(route.pattern()).contains("/crm/admin/login?next=");
            checked.add(route.pattern());
        }
        assertThat(checked).contains("/", "/customers", "/customers/{ref}", "/jobs", "/audit", "/users", "/ranks",
                "/ranks/{code}", "/surveys", "/surveys/{id}", "/surveys/{id}/results", "/surveys/{id}/export.csv",
                "/profile-questions", "/segments", "/segments/{key}", "/segments/{key}/export.csv");
    }

    @Test
    void every_console_post_refuses_anonymous_callers() {
        WebClient anonymous = server.client();
        for (ConsoleRoutes.Route route : consoleRoutes()) {
            if (route.isPublic() || !route.method().equals("POST")) {
                continue;
            }
            WebClient.Response r = anonymous.postForm("/crm/admin" + concrete(route.pattern()), Map.of("_csrf", "guess"));
            assertThat(r.status()).as(route.pattern()).isEqualTo(401);
        }
    }

    @Test
    void every_console_route_refuses_roles_it_is_not_for() {
        Map<Role, WebClient> clients = Map.of(Role.ADMIN, admin, Role.MARKETER, marketer, Role.SUPPORT, support);
        int refused = 0;
        for (ConsoleRoutes.Route route : consoleRoutes()) {
            if (route.isPublic()) {
                continue;
            }
            for (Role role : Role.values()) {
                if (route.roles().contains(role)) {
                    continue;
                }
                WebClient c = clients.get(role);
                WebClient.Response r = route.method().equals("GET")
                        ? c.get("/crm/admin" + concrete(route.pattern()))
                        : c.post("/crm/admin" + concrete(route.pattern()), Map.of());
                assertThat(r.status()).as(role + " " + route.method() + " " + route.pattern()).isEqualTo(403);
                assertThat(r.body()).contains("id=\"error-page\"");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(10);
    }

    @Test
    void every_admin_api_refuses_anonymous_and_wrong_roles() {
        WebClient anonymous = server.client();
        Map<Role, WebClient> clients = Map.of(Role.ADMIN, admin, Role.MARKETER, marketer, Role.SUPPORT, support);
        int checked = 0;
        for (ApiRoutes.Route route : server.runtime.context().api().all()) {
            if (route.access().kind() != Access.Kind.ADMIN) {
                continue;
            }
            String path = "/crm/api" + concrete(route.pattern());
            String body = route.method().equals("GET") || route.method().equals("DELETE") ? null : "{}";
            WebClient.Response r = anonymous.send(route.method(), path, body, Map.of());
            assertThat(r.status()).as("anonymous " + route.method() + " " + route.pattern()).isEqualTo(401);
            for (Role role : Role.values()) {
                if (route.access().roles().contains(role)) {
                    continue;
                }
                WebClient c = clients.get(role);
                WebClient.Response denied = c.send(route.method(), path, body, Map.of("X-CSRF-Token", c.csrf()));
                assertThat(denied.status()).as(role + " " + route.method() + " " + route.pattern()).isEqualTo(403);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(5);
    }

    @Test
    void a_post_without_the_csrf_token_changes_nothing() {
        admin.get("/crm/admin/users/new");
        WebClient.Response r = admin.postForm("/crm/admin/users", Map.of("username", "intruder", "role", "ADMIN",
                "password", "intruder-password-1", "confirmPassword", "intruder-password-1", "locale", "ja"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("id=\"error-page\"");
        assertThat(server.runtime.context().ports().require(AdminUsers.class).findByUsername("intruder")).isEmpty();

        WebClient.Response wrong = admin.postForm("/crm/admin/users", Map.of("_csrf", "not-the-token", "username", "intruder",
                "role", "ADMIN", "password", "intruder-password-1", "confirmPassword", "intruder-password-1"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(server.runtime.context().ports().require(AdminUsers.class).findByUsername("intruder")).isEmpty();

        WebClient.Response api = admin.postJson("/crm/api/console/users",
                "{\"username\":\"intruder\",\"password\":\"intruder-password-1\",\"role\":\"ADMIN\"}", Map.of());
        assertThat(api.status()).isEqualTo(403);
        assertThat(server.runtime.context().ports().require(AdminUsers.class).findByUsername("intruder")).isEmpty();

        WebClient.Response withToken = admin.post("/crm/admin/users", Map.of("username", "newcomer", "role", "SUPPORT",
                "password", "quiet-harbour-lantern-7", "confirmPassword", "quiet-harbour-lantern-7", "locale", "en"));
        assertThat(withToken.status()).as(withToken.body()).isEqualTo(302);
        assertThat(server.runtime.context().ports().require(AdminUsers.class).findByUsername("newcomer")).isPresent();
    }

    @Test
    void a_customer_name_with_a_script_tag_renders_as_text() {
        WebClient.Response page = admin.get("/crm/admin/customers/C-XSS");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert(");
        WebClient.Response search = admin.get("/crm/admin/customers?q=hanako.yamada%40example.jp");
        assertThat(search.body()).contains("C-XSS").doesNotContain("<script>alert").contains("&lt;script&gt;");
    }

    @Test
    void support_sees_personal_data_masked_until_revealed_with_a_logged_reason() {
        WebClient.Response masked = support.get("/crm/admin/customers/C-XSS");
        assertThat(masked.status()).isEqualTo(200);
        assertThat(masked.body()).contains("h***@example.jp").doesNotContain("hanako.yamada@example.jp")
                .doesNotContain("1990-04-12").doesNotContain("Hanako");
        WebClient.Response search = support.get("/crm/admin/customers?q=C-XSS");
        assertThat(search.body()).contains("h***@example.jp").doesNotContain("hanako.yamada@example.jp");
        WebClient.Response api = support.get("/crm/api/customers?q=C-XSS");
        assertThat(api.body()).contains("h***@example.jp").doesNotContain("hanako.yamada");

        WebClient.Response noReason = support.post("/crm/admin/customers/C-XSS/reveal", Map.of("reason", ""));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"reveal-reason-error\"").doesNotContain("hanako.yamada@example.jp");

        WebClient.Response reveal = support.post("/crm/admin/customers/C-XSS/reveal",
                Map.of("reason", "caller verification, ticket 4711"));
        assertThat(reveal.status()).isEqualTo(302);
        WebClient.Response shown = support.get("/crm/admin/customers/C-XSS");
        assertThat(shown.body()).contains("hanako.yamada@example.jp").contains("1990年4月12日");
        // the reason is logged, sealed with the entry about the customer, and opened by the audit log
        long logged = server.runtime.context().database().inTransaction(tx -> server.runtime.context().audit()
                .newest(tx, 50, 0)).stream().filter(e -> e.actor().equals("support")
                        && e.action().equals("customer.pii.reveal") && e.subject().equals("customer:C-XSS")
                        && e.after().contains("caller verification, ticket 4711")).count();
        assertThat(logged).isEqualTo(1);
        long clear = server.runtime.context().database().inTransaction(tx -> tx.sql().number("""
                SELECT count(*) FROM audit_log WHERE subject = 'customer:C-XSS' AND after::text LIKE '%ticket 4711%'"""));
        assertThat(clear).as("not in clear").isZero();

        WebClient.Response adminView = admin.get("/crm/admin/customers/C-XSS");
        assertThat(adminView.body()).contains("hanako.yamada@example.jp");
    }

    @Test
    void repeated_failed_sign_ins_lock_the_account_even_for_the_right_password() {
        WebClient attacker = server.client();
        for (int i = 0; i < 5; i++) {
            WebClient.Response r = attacker.login("marketer", "wrong-password-" + i);
            assertThat(r.status()).isIn(401, 429);
        }
        WebClient.Response locked = attacker.login("marketer", ConsoleServer.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("id=\"login-error\"");
        assertThat(attacker.get("/crm/admin/").status()).isEqualTo(302);
        // another user is not locked by marketer's failures (different name; the address limit is higher)
        assertThat(server.client().login("support", ConsoleServer.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void an_unknown_user_and_a_wrong_password_get_the_same_answer() {
        WebClient.Response unknown = server.client().login("nobody-here", "whatever-password");
        WebClient.Response wrong = server.client().login("admin", "whatever-password");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("id=\"login-error\"");
        assertThat(extractError(unknown.body())).isEqualTo(extractError(wrong.body()));
    }

    private static String extractError(String html) {
        int i = html.indexOf("id=\"login-error\"");
        return html.substring(i, html.indexOf("</p>", i));
    }

    @Test
    void signing_in_gives_a_new_session_id() {
        WebClient c = server.client();
        WebClient.Response form = c.get("/crm/admin/login");
        assertThat(sessionCookie(form)).as("the anonymous sign-in page makes no session").isBlank();
        WebClient.Response first = c.login("admin", ConsoleServer.PASSWORD);
        assertThat(first.status()).isEqualTo(302);
        String before = sessionCookie(first);
        // a session that existed before sign-in (here: one signed out of) is not the one signed in with
        c.post("/crm/admin/logout", Map.of());
        assertThat(c.get("/crm/admin/").status()).isEqualTo(302);
        WebClient.Response r = c.login("admin", ConsoleServer.PASSWORD);
        assertThat(r.status()).isEqualTo(302);
        String after = sessionCookie(r);
        assertThat(before).isNotBlank();
        assertThat(after).isNotBlank().isNotEqualTo(before);
        WebClient planted = server.client();
        assertThat(planted.get("/crm/admin/", Map.of("Cookie", ConsoleSessions.COOKIE + "=" + before)).status())
                .as("the session signed out of signs no one in").isEqualTo(302);
        assertThat(c.get("/crm/admin/").status()).isEqualTo(200);
    }

    private static String sessionCookie(WebClient.Response r) {
        return r.header("set-cookie").map(v -> v.replaceAll("^.*?" + ConsoleSessions.COOKIE + "=([^;]*).*$", "$1")).orElse("");
    }

    @Test
    void a_sign_in_without_the_form_token_is_refused() {
        WebClient c = server.client();
        WebClient.Response r = c.postForm("/crm/admin/login", Map.of("username", "admin", "password", ConsoleServer.PASSWORD));
        assertThat(r.status()).isEqualTo(403);
        assertThat(c.get("/crm/admin/").status()).isEqualTo(302);
    }

    @Test
    void signing_out_ends_the_console_session_and_its_api_access() {
        WebClient c = server.signedIn("admin");
        assertThat(c.get("/crm/api/jobs").status()).isEqualTo(200);
        assertThat(c.post("/crm/admin/logout", Map.of()).status()).isEqualTo(302);
        assertThat(c.get("/crm/admin/").status()).isEqualTo(302);
        assertThat(c.get("/crm/api/jobs").status()).isEqualTo(401);
    }

    @Test
    void the_next_parameter_never_leaves_the_console() {
        WebClient c = server.client();
        c.get("/crm/admin/login?next=//evil.example/");
        WebClient.Response r = c.post("/crm/admin/login", Map.of("username", "admin", "password", ConsoleServer.PASSWORD,
                "next", "//evil.example/"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.location()).endsWith("/crm/admin/").doesNotContain("evil");
    }

    @Test
    void console_pages_and_api_carry_the_security_headers() {
        for (String path : List.of("/crm/admin/login", "/crm/api/health", KizunaServletInitializer.ASSETS + "/console/console.css")) {
            WebClient.Response r = server.client().get(path);
            assertThat(r.header("content-security-policy")).as(path).contains(SecurityHeadersFilter.CSP);
            assertThat(r.header("x-frame-options")).as(path).contains("DENY");
            assertThat(r.header("referrer-policy")).as(path).contains("no-referrer");
        }
        WebClient.Response page = admin.get("/crm/admin/");
        assertThat(page.body()).doesNotContain("style=\"").doesNotContain("<script>");
        assertThat(page.header("cache-control")).contains("no-store");
    }
}
