package dev.kizuna.admin.console.login;

import dev.kizuna.admin.ConsoleServer;
import dev.kizuna.admin.WebClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A console session lives in the database: idle or too old, it ends, and its row goes with it. */
class ConsoleSessionLifetimeTest {

    private static long sessions(ConsoleServer server, String where) {
        return server.runtime.context().database().inTransaction(tx -> tx.sql().number(
                "SELECT count(*) FROM console_session WHERE " + where));
    }

    private static void age(ConsoleServer server, String set) {
        server.runtime.context().database().inTransaction(tx -> tx.sql().update("UPDATE console_session SET " + set));
    }

    @Test
    void an_idle_session_and_one_signed_in_too_long_ago_end_and_leave_no_row() {
        try (ConsoleServer server = ConsoleServer.start()) {
            WebClient idle = server.signedIn(ConsoleServer.ADMIN);
            assertThat(idle.get("/crm/admin/").status()).isEqualTo(200);
            assertThat(sessions(server, "username = 'admin'")).isEqualTo(1);
            age(server, "last_seen_at = now() - interval '31 minutes'");
            WebClient.Response r = idle.get("/crm/admin/");
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.location()).contains("/login").contains("expired=1");
            assertThat(sessions(server, "true")).as("the ended session's row").isZero();

            WebClient old = server.signedIn(ConsoleServer.MARKETER);
            age(server, "signed_in_at = now() - interval '13 hours'");
            assertThat(old.get("/crm/admin/").location()).contains("expired=1");

            WebClient kept = server.signedIn(ConsoleServer.SUPPORT);
            age(server, "last_seen_at = now() - interval '29 minutes'");
            assertThat(kept.get("/crm/admin/").status()).as("29 minutes idle is still signed in").isEqualTo(200);
            assertThat(sessions(server, "last_seen_at > now() - interval '1 minute'")).as("the request was noted").isEqualTo(1);
            assertThat(sessions(server, "true")).isEqualTo(1);
        }
    }
}
