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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Les connexions SQLite gardées ouvertes et réutilisées : en ouvrir une (fichier, WAL, PRAGMA) coûte
 * 1 à 5 ms, une requête sur une connexion ouverte quelques microsecondes. {@code close()} rend la
 * connexion (remise en auto-commit, transaction en cours annulée) ; au-delà de {@code MAX_IDLE}
 * gardées, elle est vraiment fermée. Rien ne change pour la durabilité : chaque COMMIT est écrit
 * comme avant (synchronous=FULL).
 */
final class ReusedConnections implements DataSource {

    static final int MAX_IDLE = 4;

    private final DataSource opener;
    private final Path file;
    private volatile Object fileKey;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    ReusedConnections(DataSource opener, Path file) {
        this.opener = opener;
        this.file = file;
    }

    @Override
    public Connection getConnection() throws SQLException {
        // un fichier supprimé, déplacé ou remplacé : les connexions gardées pointent encore l'ancien, on les ferme
        Object current = fileKey();
        boolean sameFile = current != null && current.equals(fileKey);
        Connection real;
        while ((real = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (sameFile && !real.isClosed()) {
                return lend(real);
            }
            real.close();
        }
        Connection opened = opener.getConnection();
        fileKey = fileKey();
        return lend(opened);
    }

    /** L'identité du fichier (inode) : elle change quand le fichier est remplacé. */
    private Object fileKey() {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key != null ? key : "present";
        } catch (IOException e) {
            return null;
        }
    }

    private Connection lend(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lent(real));
    }

    /** Rend une connexion propre, ou la ferme si elle ne l'est pas ou si assez sont déjà gardées. */
    private void giveBack(Connection real) throws SQLException {
        try {
            if (!real.getAutoCommit()) {
                real.rollback();
                real.setAutoCommit(true);
            }
        } catch (SQLException e) {
            real.close();
            return;
        }
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offerFirst(real);
        } else {
            idleCount.decrementAndGet();
            real.close();
        }
    }

    /** Une connexion prêtée : tout passe à la vraie, sauf close() qui la rend (une seule fois). */
    private final class Lent implements InvocationHandler {

        private Connection real;

        Lent(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (real != null) {
                        Connection returned = real;
                        real = null;
                        giveBack(returned);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return real == null || real.isClosed();
                }
                default -> {
                    if (real == null) {
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
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return opener.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        opener.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        opener.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return opener.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return opener.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : opener.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || opener.isWrapperFor(type);
    }
}
