package dev.kizuna.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kizuna.core.Kizuna;
import dev.kizuna.core.KizunaConfig;
import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.spi.CustomerRegistered;
import dev.kizuna.core.spi.EventPublisher;
import dev.kizuna.core.testing.FakeHost;
import dev.kizuna.core.testing.TestDatabases;
import dev.kizuna.core.testing.TestKizuna;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Kizuna on the host's own pool (a Spring host's DataSource): it works in its schema and gives connections back as they came. */
class HostPoolInstallTest {

    @Test
    void kizuna_works_on_the_hosts_pool_and_hands_every_connection_back_in_the_hosts_search_path() throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(TestDatabases.freshDatabase());
        hc.setMaximumPoolSize(4);
        try (HikariDataSource hostPool = new HikariDataSource(hc)) {
            Map<String, String> config = TestKizuna.config("unused");
            config.remove("kizuna.jdbc.url");
            config.put("kizuna.host-outbox.relay", "false");
            try (KizunaRuntime kizuna = Kizuna.installer(new FakeHost(), KizunaConfig.of(config))
                    .dataSource(hostPool).install()) {
                assertThat(kizuna.publisher().publish(new CustomerRegistered("pool-reg-1", Instant.now(), "P-1",
                        "p1@example.jp", "Pia", null, "ja", Map.of()))).isEqualTo(EventPublisher.Outcome.APPLIED);
                long members = kizuna.context().database().inTransaction(tx ->
                        tx.sql().number("SELECT count(*) FROM member WHERE customer_ref = 'P-1'"));
                assertThat(members).isEqualTo(1);

                // every connection of the host's pool, whichever Kizuna used: the host's own search path, auto-commit on
                List<Connection> all = new ArrayList<>();
                try {
                    for (int i = 0; i < 4; i++) {
                        Connection c = hostPool.getConnection();
                        all.add(c);
                        assertThat(c.getAutoCommit()).isTrue();
                        try (Statement st = c.createStatement();
                             ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
                            rs.next();
                            assertThat(rs.getString(1)).doesNotContain("kizuna");
                        }
                    }
                } finally {
                    for (Connection c : all) {
                        c.close();
                    }
                }
            }
            // closing Kizuna leaves the host's pool to the host
            try (Connection c = hostPool.getConnection(); Statement st = c.createStatement()) {
                assertThat(st.execute("SELECT 1")).isTrue();
            }
        }
    }
}
