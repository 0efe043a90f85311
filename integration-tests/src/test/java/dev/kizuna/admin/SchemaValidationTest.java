package dev.kizuna.admin;

import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.persistence.Database;
import dev.kizuna.core.testing.TestDatabases;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every module's entities against the schema its Flyway migrations make: the real schema validates, and a column
 * an entity maps that the schema lacks, or holds with another type, stops the start naming that column.
 */
class SchemaValidationTest {
    private static final List<Database.Migration> MIGRATIONS = new ArrayList<>();
    private static final List<Class<?>> ENTITIES = new ArrayList<>();
    private static String url;

    @BeforeAll
    static void migrate() {
        List<KizunaModule> modules = new ArrayList<>();
        ServiceLoader.load(KizunaModule.class).forEach(modules::add);
        modules.sort(Comparator.comparingInt(KizunaModule::startOrder).thenComparing(KizunaModule::name));
        MIGRATIONS.add(new Database.Migration("core", "classpath:db/migration/core"));
        for (KizunaModule m : modules) {
            MIGRATIONS.add(new Database.Migration(m.name(), m.migrationLocation()));
            ENTITIES.addAll(m.entityClasses());
        }
        url = TestDatabases.freshDatabase();
        open().close();
    }

    private static Database open() {
        return Database.open(url, "postgres", "", 2, MIGRATIONS, ENTITIES);
    }

    @Test
    void the_migrated_schema_validates_against_every_entity() {
        assertThat(ENTITIES).isNotEmpty();
        try (Database db = open()) {
            assertThat(db.sessionFactory().getMetamodel().getEntities()).hasSameSizeAs(ENTITIES);
        }
    }

    @Test
    void a_column_missing_from_the_schema_stops_the_start_naming_it() throws SQLException {
        Map<String, String> oneColumnPerTable = mappedColumns();
        assertThat(oneColumnPerTable).isNotEmpty();
        for (Map.Entry<String, String> c : oneColumnPerTable.entrySet()) {
            String table = c.getKey();
            String column = c.getValue();
            ddl("ALTER TABLE kizuna." + table + " RENAME COLUMN " + column + " TO " + column + "_gone");
            try {
                assertThatThrownBy(SchemaValidationTest::open)
                        .as("%s.%s renamed away", table, column)
                        .hasStackTraceContaining("missing column [" + column + "]")
                        .hasStackTraceContaining(table);
            } finally {
                ddl("ALTER TABLE kizuna." + table + " RENAME COLUMN " + column + "_gone TO " + column);
            }
        }
        open().close();
    }

    @Test
    void a_column_of_another_type_stops_the_start_naming_it() throws SQLException {
        ddl("ALTER TABLE kizuna.console_user ALTER COLUMN last_login_at TYPE text");
        try {
            assertThatThrownBy(SchemaValidationTest::open)
                    .hasStackTraceContaining("wrong column type encountered in column [last_login_at]")
                    .hasStackTraceContaining("console_user");
        } finally {
            ddl("ALTER TABLE kizuna.console_user ALTER COLUMN last_login_at TYPE timestamptz USING last_login_at::timestamptz");
        }
        open().close();
    }

    /** For each table an entity maps, its last mapped column that is not the key. */
    private static Map<String, String> mappedColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Database db = open()) {
            db.sessionFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
                    .forEachEntityDescriptor(p -> {
                        List<String> key = new ArrayList<>();
                        p.getIdentifierMapping().forEachSelectable((i, s) -> key.add(s.getSelectionExpression()));
                        p.forEachSelectable((i, s) -> {
                            String table = s.getContainingTableExpression();
                            table = table.substring(table.lastIndexOf('.') + 1);
                            if (!key.contains(s.getSelectionExpression()) && !s.isFormula()) {
                                columns.put(table, s.getSelectionExpression());
                            }
                        });
                    });
        }
        return columns;
    }

    private static void ddl(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
