package com.calvalot.db;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * Si le fichier de la base a disparu ou a été remplacé, les connexions gardées (qui tiennent
 * l'ancien fichier) sont fermées : chaque requête voit alors le fichier tel qu'il est (/health le dit).
 */
public final class ConnectionPool implements DataSource {

    private final DataSource target;
    private final Path file;
    private final BlockingQueue<Connection> free;
    private volatile boolean closed;
    private volatile Object fileKey;

    public ConnectionPool(DataSource target, Path file, int idle) {
        this.target = target;
        this.file = file;
        this.free = new ArrayBlockingQueue<>(idle);
        this.fileKey = fileKey();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Object key = fileKey();
        if (key == null || !key.equals(fileKey)) {
            fileKey = key;
            closeIdle();
        }
        Connection connection = free.poll();
        while (connection != null && connection.isClosed()) {
            connection = free.poll();
        }
        return lease(connection != null ? connection : target.getConnection(), key);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private Connection lease(Connection real, Object key) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(real, key));
    }

    /** Rend la connexion au lieu de la fermer ; tout le reste va à la vraie connexion. */
    private final class Lease implements InvocationHandler {

        private final Connection real;
        private final Object key;
        private boolean returned;

        Lease(Connection real, Object key) {
            this.real = real;
            this.key = key;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!returned) {
                        returned = true;
                        giveBack(real, key);
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

    private void giveBack(Connection real, Object key) throws SQLException {
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
        // prêtée sur un fichier depuis remplacé : ne pas la garder
        if (closed || key == null || !key.equals(fileKey) || !free.offer(real)) {
            real.close();
        }
    }

    /** L'identité du fichier (inode), null s'il n'existe plus. */
    private Object fileKey() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** À l'arrêt : les connexions libres sont fermées, celles encore prêtées le seront à leur retour. */
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
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
