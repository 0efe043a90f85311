package dev.kizuna.core.persistence;

import com.zaxxer.hikari.HikariDataSource;
import dev.kizuna.core.errors.Conflict;
import dev.kizuna.core.testing.TestDatabases;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @Test
    void a_pooled_connection_whose_first_transaction_rolls_back_still_finds_kizunas_tables() {
        // One connection, so the second transaction surely reuses the one whose first transaction was rolled back.
        try (Database db = Database.open(TestDatabases.freshDatabase(), "postgres", "", 1,
                List.of(new Database.Migration("core", "classpath:db/migration/core")), List.of())) {
            // Retire the connection Flyway used: the next transaction runs on a brand-new pooled connection.
            ((HikariDataSource) db.dataSource()).getHikariPoolMXBean().softEvictConnections();
            assertThatThrownBy(() -> db.execute(tx -> {
                tx.sql().number("SELECT count(*) FROM member");
                throw new Conflict("REFUSED", "a refusal rolls the transaction back");
            })).isInstanceOf(Conflict.class);
            assertThat(db.inTransaction(tx -> tx.sql().number("SELECT count(*) FROM member"))).isZero();
            ((HikariDataSource) db.dataSource()).getHikariPoolMXBean().softEvictConnections();
            try (java.sql.Connection c = db.dataSource().getConnection()) {
                c.rollback();
                try (var st = c.createStatement(); var rs = st.executeQuery("SHOW search_path")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("kizuna");
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
