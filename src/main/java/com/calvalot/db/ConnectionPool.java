package com.calvalot.db;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Garde quelques connexions SQLite ouvertes : en ouvrir une coûte un fichier, le WAL, les PRAGMA et
 * la relecture du schéma, plus que la requête d'une page de l'API. Une connexion rendue revient en
 * autocommit (une transaction oubliée est annulée) ; au-delà de {@code idle} connexions libres, elle
 * est simplement fermée. Aucune attente : s'il n'y en a pas de libre, une nouvelle est ouverte.
 */
public final class ConnectionPool implements DataSource {

    private final DataSource target;
    private final BlockingQueue<Connection> free;
    private volatile boolean closed;

    public ConnectionPool(DataSource target, int idle) {
        this.target = target;
        this.free = new ArrayBlockingQueue<>(idle);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = free.poll();
        while (connection != null && connection.isClosed()) {
            connection = free.poll();
        }
        return lease(connection != null ? connection : target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private Connection lease(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(real));
    }

    /** Rend la connexion au lieu de la fermer ; tout le reste va à la vraie connexion. */
    private final class Lease implements InvocationHandler {

        private final Connection real;
        private boolean returned;

        Lease(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!returned) {
                        returned = true;
                        giveBack(real);
                    }
                    return null;
                case "isClosed":
                    return returned || real.isClosed();
                case "unwrap":
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : real.unwrap((Class<?>) args[0]);
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    if (returned) {
                        throw new SQLException("connection already closed");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }

    private void giveBack(Connection real) throws SQLException {
        if (real.isClosed()) {
            return;
        }
        try {
            if (!real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
        } catch (SQLException e) {
            real.close();
            return;
        }
        if (closed || !free.offer(real)) {
            real.close();
        }
    }

    /** À l'arrêt : les connexions libres sont fermées, celles encore prêtées le seront à leur retour. */
    public void close() {
        closed = true;
        for (Connection connection = free.poll(); connection != null; connection = free.poll()) {
            try {
                connection.close();
            } catch (SQLException e) {
                // déjà perdue : rien à rendre
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
