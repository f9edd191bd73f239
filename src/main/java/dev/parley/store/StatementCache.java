package dev.parley.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * SQLite connections that keep their prepared statements. SQLite compiles a statement each time
 * it is prepared (and the driver reads its column names), which cost a send more than running
 * its statements did. Each connection keeps up to {@link #PER_CONNECTION} statements by SQL text;
 * closing one only clears its parameters, and closing the connection closes them all. A pooled
 * connection serves one thread at a time; a statement asked for again while still open (nested
 * use of one query) is prepared afresh and closed for real.
 */
final class StatementCache {

    static final int PER_CONNECTION = 128;

    private StatementCache() {}

    /** A data source whose connections keep their statements; what a pool sits on. */
    static DataSource over(DataSource physical) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return caching(physical.getConnection());
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return caching(physical.getConnection(user, password));
            }

            @Override
            public PrintWriter getLogWriter() throws SQLException {
                return physical.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) throws SQLException {
                physical.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                physical.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return physical.getLoginTimeout();
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                return physical.getParentLogger();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return physical.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return physical.isWrapperFor(type);
            }
        };
    }

    static Connection caching(Connection real) {
        var statements = new Statements(real);
        return (Connection) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args.length == 1)
                        return statements.get((String) args[0]);
                    if (method.getName().equals("close")) statements.closeAll();
                    return call(real, method, args);
                });
    }

    /** One connection's statements, least recently used first. */
    private static final class Statements {
        private final Connection real;
        private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);

        Statements(Connection real) {
            this.real = real;
        }

        PreparedStatement get(String sql) throws SQLException {
            Kept k = kept.get(sql);
            if (k != null && k.inUse) return real.prepareStatement(sql);
            if (k == null) {
                k = new Kept(real.prepareStatement(sql));
                kept.put(sql, k);
                if (kept.size() > PER_CONNECTION) evictEldest();
            }
            k.inUse = true;
            return k.handle;
        }

        private void evictEldest() {
            var eldest = kept.entrySet().iterator();
            while (eldest.hasNext()) {
                Kept k = eldest.next().getValue();
                if (k.inUse) continue;
                eldest.remove();
                k.closeQuietly();
                return;
            }
        }

        void closeAll() {
            kept.values().forEach(Kept::closeQuietly);
            kept.clear();
        }
    }

    /** A kept statement, and the handle callers get: closing the handle returns the statement to the cache. */
    private static final class Kept implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement handle;
        boolean inUse;

        Kept(PreparedStatement statement) {
            this.statement = statement;
            this.handle = (PreparedStatement) Proxy.newProxyInstance(
                    StatementCache.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (inUse) {
                        inUse = false;
                        statement.clearParameters();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return !inUse || statement.isClosed();
                }
                default -> {
                    return call(statement, method, args);
                }
            }
        }

        void closeQuietly() {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // The connection is going away.
            }
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
