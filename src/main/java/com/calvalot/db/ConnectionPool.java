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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Garde quelques connexions SQLite ouvertes : en ouvrir une coûte un fichier, le WAL, les PRAGMA et
 * la relecture du schéma, plus que la requête d'une page de l'API. Au plus {@code size} sont prêtées
 * à la fois (chacune a son cache de pages : 16 clients ne font pas 16 caches) ; une demande de plus
 * attend qu'une revienne, au plus {@link #WAIT_MS} ms, puis en ouvre une en surplus, fermée à son
 * retour (une transaction qui lit par une seconde connexion ne peut donc pas bloquer). Une connexion
 * rendue revient en autocommit (une transaction oubliée est annulée).
 * Si le fichier de la base a disparu ou a été remplacé, les connexions gardées (qui tiennent
 * l'ancien fichier) sont fermées : chaque requête voit alors le fichier tel qu'il est (/health le dit).
 */
public final class ConnectionPool implements DataSource {

    /** L'attente d'une connexion prêtée avant d'en ouvrir une en surplus. */
    static final long WAIT_MS = 200;

    private final DataSource target;
    private final Path file;
    private final BlockingQueue<Connection> free;
    private final Semaphore lent;
    private volatile boolean closed;
    private volatile Object fileKey;
    private final DiskState diskState = new DiskState();

    public ConnectionPool(DataSource target, Path file, int size) {
        this.target = target;
        this.file = file;
        this.free = new ArrayBlockingQueue<>(size);
        this.lent = new Semaphore(size);
        this.fileKey = fileKey();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Object key = fileKey();
        if (key == null || !key.equals(fileKey)) {
            fileKey = key;
            closeIdle();
        }
        boolean permit;
        try {
            permit = lent.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection connection = permit ? free.poll() : null;
            while (connection != null && connection.isClosed()) {
                connection = free.poll();
            }
            return lease(connection != null ? connection : target.getConnection(), key, permit);
        } catch (SQLException | RuntimeException e) {
            if (permit) {
                lent.release();
            }
            throw e;
        }
    }

    /** Ce que le disque a dit de la dernière écriture refusée (tenu en mémoire). */
    public DiskState diskState() {
        return diskState;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private Connection lease(Connection real, Object key, boolean permit) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease(real, key, permit));
    }

    /** Rend la connexion au lieu de la fermer ; tout le reste va à la vraie connexion. */
    private final class Lease implements InvocationHandler {

        private final Connection real;
        private final Object key;
        private final boolean permit;
        private boolean returned;

        Lease(Connection real, Object key, boolean permit) {
            this.real = real;
            this.key = key;
            this.permit = permit;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    if (!returned) {
                        returned = true;
                        try {
                            giveBack(real, key, permit);
                        } finally {
                            if (permit) {
                                lent.release();
                            }
                        }
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

    private void giveBack(Connection real, Object key, boolean permit) throws SQLException {
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
        if (closed || !permit || key == null || !key.equals(fileKey) || !free.offer(real)) {
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
