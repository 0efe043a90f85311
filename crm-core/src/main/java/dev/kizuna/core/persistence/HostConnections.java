package dev.kizuna.core.persistence;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * Kizuna's connections borrowed from the host's pool (a Spring host's {@code DataSource}): each is handed out with
 * Kizuna's schema as its search path and auto-commit off, as Kizuna's own pool makes them, and goes back to the
 * host's pool as it came (transaction rolled back, search path reset, auto-commit as it was), so the host's next
 * borrower never finds itself in schema {@code kizuna}.
 */
final class HostConnections implements DataSource {
    private final DataSource host;

    HostConnections(DataSource host) {
        this.host = host;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(host.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(host.getConnection(username, password));
    }

    private static Connection scoped(Connection c) throws SQLException {
        try {
            boolean autoCommit = c.getAutoCommit();
            // The SET is committed on its own: set inside Kizuna's first transaction, a rollback would undo it.
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SET search_path TO " + Database.SCHEMA);
            }
            c.setAutoCommit(false);
            return (Connection) Proxy.newProxyInstance(HostConnections.class.getClassLoader(),
                    new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            giveBack(c, autoCommit);
                            return null;
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void giveBack(Connection c, boolean autoCommit) throws SQLException {
        try {
            if (!c.isClosed()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                try (Statement st = c.createStatement()) {
                    st.execute("RESET search_path");
                }
                c.setAutoCommit(autoCommit);
            }
        } finally {
            c.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return host.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        host.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        host.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return host.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return host.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return host.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return host.isWrapperFor(iface);
    }
}
