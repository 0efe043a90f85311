package dev.kizuna.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kizuna.core.json.Json;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Kizuna's database: a HikariCP pool on the {@code kizuna} schema, Flyway migrations per module (each module
 * keeps its own history table), and a Hibernate SessionFactory over the modules' entities that validates the schema
 * Flyway made and never changes it. Work runs in {@link #inTransaction}: one Hibernate session, one JDBC
 * transaction on one connection, shared by entities ({@link Tx#session()}) and set-based SQL ({@link Tx#sql()}).
 */
public final class Database implements AutoCloseable {

    public static final String SCHEMA = "kizuna";

    private final DataSource dataSource;
    /** Kizuna's own pool, closed with it; null on the host's pool, which the host closes. */
    private final HikariDataSource ownPool;
    private final SessionFactory sessionFactory;
    /** The host's transaction this thread works in, while {@link #joining} runs. */
    private final ThreadLocal<Tx> joined = new ThreadLocal<>();

    private Database(DataSource dataSource, HikariDataSource ownPool, SessionFactory sessionFactory) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.sessionFactory = sessionFactory;
    }

    /** A migration folder of one module, e.g. ("loyalty", "classpath:db/migration/loyalty"). */
    public record Migration(String module, String location) {
    }

    public static Database open(String jdbcUrl, String user, String password, int poolSize,
                                List<Migration> migrations, List<Class<?>> entities) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setPoolName("kizuna");
        // The schema goes in the startup packet, not a SET in the connection's first transaction: with auto-commit
        // off, a rollback of that first transaction would undo the SET and leave the pooled connection schema-less.
        hc.addDataSourceProperty("currentSchema", SCHEMA);
        hc.setAutoCommit(false);
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            migrate(ds, migrations);
            return new Database(ds, ds, buildSessionFactory(ds, entities));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /**
     * On the host's pool instead of one of Kizuna's own (a Spring host's {@code DataSource}): Kizuna borrows its
     * connections, works in its own schema on them and gives them back as they were; the host closes the pool.
     */
    public static Database open(DataSource hostPool, List<Migration> migrations, List<Class<?>> entities) {
        DataSource ds = new HostConnections(hostPool);
        migrate(ds, migrations);
        return new Database(ds, null, buildSessionFactory(ds, entities));
    }

    private static void migrate(DataSource ds, List<Migration> migrations) {
        for (Migration m : migrations) {
            Flyway.configure()
                    .dataSource(ds)
                    .schemas(SCHEMA)
                    .createSchemas(true)
                    .table("flyway_history_" + m.module())
                    .locations(m.location())
                    // Each module migrates into the shared schema with its own history: a later module meets a
                    // non-empty schema, which is expected, so start its history at version 0.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        }
    }

    private static SessionFactory buildSessionFactory(DataSource ds, List<Class<?>> entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySettings(Map.of(
                        AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds,
                        AvailableSettings.HBM2DDL_AUTO, "validate",
                        AvailableSettings.DEFAULT_SCHEMA, SCHEMA,
                        AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true,
                        AvailableSettings.STATEMENT_BATCH_SIZE, 50,
                        AvailableSettings.ORDER_INSERTS, true,
                        AvailableSettings.SHOW_SQL, false,
                        // jsonb columns read and write through Kizuna's own mapper, like every other JSON.
                        AvailableSettings.JSON_FORMAT_MAPPER, new JacksonJsonFormatMapper(Json.MAPPER)))
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    public <T> T inTransaction(TxWork<T> work) {
        Tx host = joined.get();
        if (host != null) {
            try {
                return work.run(host);
            } catch (Exception e) {
                throw e instanceof RuntimeException re ? re : new PersistenceFailure(e);
            }
        }
        try (Session session = sessionFactory.openSession()) {
            session.beginTransaction();
            Tx tx = new Tx(session);
            try {
                T result = work.run(tx);
                session.getTransaction().commit();
                tx.afterCommit();
                return result;
            } catch (Exception e) {
                if (session.getTransaction().isActive()) {
                    session.getTransaction().rollback();
                }
                throw e instanceof RuntimeException re ? re : new PersistenceFailure(e);
            }
        }
    }

    /**
     * Runs {@code work} inside the host's open transaction on {@code connection} (a host sharing this database):
     * every {@link #inTransaction} this thread calls meanwhile (the checkout ports, say) runs on that connection
     * instead of its own, and commits or rolls back with the host's transaction; nothing here commits. The work sees
     * Kizuna's schema first on the search path; the host's search path is restored afterwards. Such work is SQL:
     * with no Hibernate transaction of its own, entity changes made in it are refused by Hibernate.
     */
    public <T> T joining(Connection connection, TxWork<T> work) {
        if (joined.get() != null) {
            return inTransaction(work);
        }
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalStateException("joining needs the host's open transaction, not an auto-commit connection");
            }
        } catch (SQLException e) {
            throw new PersistenceFailure(e);
        }
        String hostPath = setting(connection, "SELECT current_setting('search_path')");
        setting(connection, "SELECT set_config('search_path', '" + SCHEMA + ", ' || current_setting('search_path'), true)");
        try (Session session = sessionFactory.withOptions().connection(connection).openSession()) {
            joined.set(new Tx(session, true));
            return work.run(joined.get());
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new PersistenceFailure(e);
        } finally {
            joined.remove();
            restorePath(connection, hostPath);
        }
    }

    private static String setting(Connection connection, String query) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new PersistenceFailure(e);
        }
    }

    private static void restorePath(Connection connection, String path) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            ps.setString(1, path);
            ps.execute();
        } catch (SQLException e) {
            // The host's transaction failed (it is aborted and rolls back, which undoes the local setting too).
        }
    }

    /** Like {@link #inTransaction(TxWork)} for work that returns nothing. */
    public void execute(TxAction work) {
        inTransaction(tx -> {
            work.run(tx);
            return null;
        });
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx) throws Exception;
    }

    @FunctionalInterface
    public interface TxAction {
        void run(Tx tx) throws Exception;
    }

    /** A checked database failure, unwrapped from JDBC. */
    public static final class PersistenceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PersistenceFailure(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Whether {@code e} (or a cause) is a PostgreSQL serialization failure or deadlock, worth one retry. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        sessionFactory.close();
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
