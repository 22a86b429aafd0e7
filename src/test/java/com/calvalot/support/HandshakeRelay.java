package com.calvalot.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Un relais TCP du banc devant la bourse de test, pour émuler ce que coûte une connexion neuve
 * sur un vrai réseau : ses premiers octets ne passent qu'après {@link #handshakeMillis(long)}
 * depuis son ouverture (la poignée de main TCP puis TLS, deux allers-retours vers Binance). Une
 * connexion ouverte d'avance a donc déjà payé quand sa première requête part, comme en vrai.
 * {@link #dropAll()} ferme toutes les connexions, comme la bourse après des heures sans signal.
 */
public final class HandshakeRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile long handshakeMillis;

    public HandshakeRelay(int targetPort) throws IOException {
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Le prix d'une connexion neuve pour celles qui s'ouvrent ensuite (0 : aucun). */
    public void handshakeMillis(long millis) {
        this.handshakeMillis = millis;
    }

    /** Ferme toutes les connexions ouvertes : chaque client devra en rouvrir (et payer la poignée de main). */
    public void dropAll() {
        open.forEach(HandshakeRelay::closeQuietly);
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                long readyAt = System.currentTimeMillis() + handshakeMillis;
                Socket exchange = new Socket();
                exchange.connect(target);
                client.setTcpNoDelay(true);
                exchange.setTcpNoDelay(true);
                open.add(client);
                open.add(exchange);
                pump(client, exchange, readyAt);
                pump(exchange, client, 0);
            } catch (IOException e) {
                // relais fermé, ou une connexion ratée : le client le verra comme une panne réseau
            }
        }
    }

    /** Recopie from → to sur son fil ; rien ne passe avant readyAt (ms) ; une fin ferme les deux côtés. */
    private void pump(Socket from, Socket to, long readyAt) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    long wait = readyAt - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // l'un des deux côtés s'est fermé
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // déjà fermée
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropAll();
    }
}
