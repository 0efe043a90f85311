package dev.kizuna.segment.rfm;

import dev.kizuna.core.KizunaRuntime;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.testing.TestKizuna;
import dev.kizuna.core.text.LocalizedText;
import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Entities and SQL in one transaction: one connection, SQL reads entity changes, a rollback undoes both. */
class OrmAndSqlTransactionTest {
    private static KizunaRuntime kizuna;
    private static Database db;
    private static final RfmStore STORE = new RfmStore("JPY");

    @BeforeAll
    static void start() {
        kizuna = TestKizuna.install();
        db = kizuna.context().database();
    }

    @AfterAll
    static void stop() {
        kizuna.close();
    }

    private static RfmSegmentMap renamed(RfmSegmentMap map, String suffix) {
        List<RfmSegmentDefinition> out = new ArrayList<>();
        for (RfmSegmentDefinition d : map.segments()) {
            out.add(new RfmSegmentDefinition(d.key(), LocalizedText.of(d.name().ja() + suffix, d.name().en() + suffix), d.recencyMin(),
                    d.recencyMax(), d.fmMin(), d.fmMax()));
        }
        return RfmSegmentMap.of(out);
    }

    @Test
    void the_session_and_sql_share_one_connection_and_a_read_leaves_the_session_empty() {
        db.execute(tx -> {
            Connection sessionConnection = tx.session().doReturningWork(c -> c);
            assertThat(tx.sql().connection()).isSameAs(sessionConnection);
            assertThat(STORE.map(tx).segments()).isNotEmpty();
            SessionImplementor s = (SessionImplementor) tx.session();
            assertThat(s.getPersistenceContextInternal().getNumberOfManagedEntities()).isZero();
        });
    }

    @Test
    void sql_reads_entity_changes_of_its_transaction_and_a_rollback_undoes_both() {
        String before = db.inTransaction(tx -> tx.sql().one("SELECT name_en FROM rfm_segment ORDER BY position LIMIT 1",
                rs -> rs.getString(1))).orElseThrow();
        assertThatThrownBy(() -> db.execute(tx -> {
            STORE.replaceMap(tx, renamed(STORE.map(tx), " (new)"), Instant.now());
            assertThat(tx.sql().one("SELECT name_en FROM rfm_segment ORDER BY position LIMIT 1", rs -> rs.getString(1)))
                    .contains(before + " (new)");
            tx.sql().update("UPDATE rfm_segment SET name_ja = name_ja || '!'");
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        db.execute(tx -> {
            assertThat(STORE.map(tx).segments().get(0).name().en()).isEqualTo(before);
            assertThat(tx.sql().number("SELECT count(*) FROM rfm_segment WHERE name_ja LIKE '%!'")).isZero();
        });
    }
}
