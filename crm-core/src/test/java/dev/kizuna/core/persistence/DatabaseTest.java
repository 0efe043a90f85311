package dev.kizuna.core.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @Test
    void a_new_pooled_connection_keeps_kizunas_schema_when_its_first_transaction_rolls_back() throws SQLException {
        try (Database db = Database.open(TestDatabases.emptyDatabase(), "postgres", "", 2,
                List.of(new Database.Migration("core", "classpath:db/migration/core")), List.of())) {
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            // Retire the connections Flyway used: what follows runs on brand-new pooled connections.
            pool.getHikariPoolMXBean().softEvictConnections();
            try (Connection c = pool.getConnection()) {
                c.rollback();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW search_path")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("kizuna");
                }
            }
            pool.getHikariPoolMXBean().softEvictConnections();
            assertThatThrownBy(() -> db.execute(tx -> {
                tx.sql().number("SELECT count(*) FROM member");
                throw new Conflict("REFUSED", "a refusal rolls the transaction back");
            })).isInstanceOf(Conflict.class);
            long members = db.inTransaction(tx -> tx.sql().number("SELECT count(*) FROM member"));
            assertThat(members).isZero();
        }
    }
}
