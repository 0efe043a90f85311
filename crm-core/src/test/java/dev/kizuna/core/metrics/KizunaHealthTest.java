package dev.kizuna.core.metrics;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.testing.KizunaTest;
import dev.kizuna.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@KizunaTest(config = {"kizuna.health.timeout=PT2S", "kizuna.jdbc.pool-size=2"})
class KizunaHealthTest {

    @Test
    void up_while_the_database_answers_and_down_naming_the_database_when_it_does_not(KizunaRuntime kizuna)
            throws Exception {
        assertThat(kizuna.health().check().status()).isEqualTo(KizunaHealth.Status.UP);
        assertThat(kizuna.health().check().checks()).extracting(KizunaHealth.Check::name)
                .contains("database", "host-outbox");

        String url = kizuna.context().config().jdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
        try (Connection admin = TestDatabases.server().getPostgresDatabase().getConnection();
             Statement st = admin.createStatement()) {
            // the server refuses new connections to the database and ends the open ones: unreachable for Kizuna
            st.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            try {
                KizunaHealth.Report down = kizuna.health().check();
                assertThat(down.status()).isEqualTo(KizunaHealth.Status.DOWN);
                assertThat(down.failing()).extracting(KizunaHealth.Check::name).containsExactly("database");
                assertThat(down.failing().get(0).reason()).isNotBlank();
            } finally {
                st.execute("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
            }
        }
    }
}
