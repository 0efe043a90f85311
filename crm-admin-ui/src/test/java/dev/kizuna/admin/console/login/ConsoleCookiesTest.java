package dev.kizuna.admin.console.login;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.admin.console.ConsoleSessions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's session: none for anonymous pages; its cookie HttpOnly, SameSite=Lax, Secure over HTTPS. */
class ConsoleCookiesTest {

    @Test
    void the_sign_in_page_creates_no_session_and_signing_in_still_works() {
        try (ConsoleServer server = ConsoleServer.start()) {
            for (int i = 0; i < 300; i++) {
                WebClient anonymous = server.client();
                WebClient.Response page = anonymous.get("/crm/admin/login" + (i % 2 == 0 ? "" : "?lang=en&next=/jobs"));
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.header("set-cookie")).as("anonymous GET %d", i).isEmpty();
            }
            WebClient c = server.client();
            WebClient.Response r = c.login(ConsoleServer.ADMIN, ConsoleServer.PASSWORD);
            assertThat(r.status()).isEqualTo(302);
            String cookie = r.header("set-cookie").orElseThrow();
            assertThat(cookie).contains(ConsoleSessions.COOKIE + "=").containsIgnoringCase("HttpOnly")
                    .containsIgnoringCase("SameSite=Lax").doesNotContainIgnoringCase("Secure");
            assertThat(c.get("/crm/admin/").status()).isEqualTo(200);
        }
    }

    @Test
    void a_sign_in_from_another_site_is_refused() {
        try (ConsoleServer server = ConsoleServer.start()) {
            WebClient c = server.client();
            c.get("/crm/admin/login");
            WebClient.Response r = c.send("POST", "/crm/admin/login?_csrf=" + c.csrf() + "&username=admin&password="
                    + ConsoleServer.PASSWORD, null, Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
            assertThat(r.status()).isEqualTo(403);
        }
    }

    @Test
    void x_forwarded_proto_marks_the_cookie_secure_only_when_the_proxy_is_trusted() {
        try (ConsoleServer untrusted = ConsoleServer.start()) {
            WebClient c = untrusted.client();
            c.get("/crm/admin/login");
            WebClient.Response r = c.send("POST", "/crm/admin/login?_csrf=" + c.csrf()
                    + "&username=admin&password=" + ConsoleServer.PASSWORD, null, Map.of("X-Forwarded-Proto", "https"));
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.header("set-cookie").orElseThrow()).doesNotContainIgnoringCase("secure");
        }
        try (ConsoleServer trusted = ConsoleServer.start(new FakeHost(), Map.of("kizuna.web.trust-forwarded-proto", "true"))) {
            WebClient c = trusted.client("198.51.100.30");
            c.get("/crm/admin/login");
            WebClient.Response viaTls = c.send("POST", "/crm/admin/login?_csrf=" + c.csrf()
                    + "&username=admin&password=" + ConsoleServer.PASSWORD, null, Map.of("X-Forwarded-Proto", "https"));
            assertThat(viaTls.status()).isEqualTo(302);
            assertThat(viaTls.header("set-cookie").orElseThrow()).containsIgnoringCase("; Secure")
                    .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        }
    }
}
