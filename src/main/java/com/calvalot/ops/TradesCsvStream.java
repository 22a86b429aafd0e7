package com.calvalot.ops;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.calvalot.money.Money;

/**
 * Le CSV des trades lu au fil de l'envoi : une ligne du ResultSet n'est lue que lorsque la réponse
 * a de la place pour elle, si bien qu'un an de trades tient dans la mémoire d'une page. La
 * connexion se ferme à la fin, sur erreur, ou quand le client s'en va ({@link #close}).
 */
final class TradesCsvStream extends InputStream {

    static final String HEADER = "created_at,coin,action,quantity,price,amount_usdt,fee_usdt,fee_asset,signal_id,"
            + "client_order_id,is_simulated";
    private static final Logger LOG = LoggerFactory.getLogger(TradesCsvStream.class);

    private final DataSource dataSource;
    private final String query;
    private final Object[] params;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private byte[] pending = (HEADER + "\r\n").getBytes(StandardCharsets.UTF_8);
    private int position;
    private boolean finished;
    private long rowsRead;

    TradesCsvStream(DataSource dataSource, String query, Object... params) {
        this.dataSource = dataSource;
        this.query = query;
        this.params = params;
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length) {
            if (position == pending.length && !nextRow()) {
                break;
            }
            int count = Math.min(length - written, pending.length - position);
            System.arraycopy(pending, position, buffer, offset + written, count);
            position += count;
            written += count;
        }
        return written == 0 ? -1 : written;
    }

    /** Prépare la ligne suivante ; faux quand il n'y en a plus (les ressources sont alors libérées). */
    private boolean nextRow() throws IOException {
        if (finished) {
            return false;
        }
        try {
            if (rows == null) {
                connection = dataSource.getConnection();
                statement = connection.prepareStatement(query);
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                rows = statement.executeQuery();
            }
            if (!rows.next()) {
                finished = true;
                close();
                return false;
            }
            pending = line(rows).getBytes(StandardCharsets.UTF_8);
            rowsRead++;
            position = 0;
            return true;
        } catch (SQLException e) {
            // la réponse est déjà partie : on ne peut que la couper et le dire dans le journal
            LOG.warn("Trade export stopped: the database could not be read ({})", e.getClass().getSimpleName());
            finished = true;
            close();
            throw new IOException("trade export interrupted");
        }
    }

    private String line(ResultSet rs) throws SQLException {
        StringBuilder out = new StringBuilder(160);
        field(out, rs.getString("created_at")).append(',');
        field(out, rs.getString("coin")).append(',');
        field(out, rs.getString("action")).append(',');
        field(out, decimal(rs.getString("quantity"))).append(',');
        field(out, decimal(rs.getString("price"))).append(',');
        field(out, decimal(rs.getString("amount_usdt"))).append(',');
        field(out, decimal(rs.getString("fee_usdt"))).append(',');
        field(out, rs.getString("fee_asset")).append(',');
        field(out, rs.getString("signal_id")).append(',');
        field(out, rs.getString("client_order_id")).append(',');
        field(out, String.valueOf(rs.getInt("is_simulated")));
        return out.append("\r\n").toString();
    }

    /** Le montant exact tel qu'il est stocké, sans exposant ni zéros inutiles. */
    static String decimal(String stored) {
        return stored == null ? null : Money.plain(new BigDecimal(stored.trim())).toPlainString();
    }

    /** RFC 4180 : entre guillemets (doublés à l'intérieur) dès qu'il y a une virgule, un guillemet ou un saut de ligne. */
    static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return out.append(value);
        }
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    @Override
    public synchronized void close() {
        if (!finished) {
            // le client est parti (ou l'arrêt) : la lecture s'arrête là, la connexion est rendue
            LOG.info("Trade export stopped after {} rows: the client left", rowsRead);
            finished = true;
        }
        closeQuietly(rows);
        closeQuietly(statement);
        closeQuietly(connection);
        rows = null;
        statement = null;
        connection = null;
    }

    private static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debug("Closing the trade export: {}", e.getClass().getSimpleName());
        }
    }
}
