package com.calvalot.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Un serveur SMTP sur TLS implicite (comme le port 465) sur 127.0.0.1, pour les alertes par e-mail.
 * Son certificat auto-signé est fait par le keytool du JDK ; {@link #trustFlags()} donne les options
 * JVM qui le font accepter par un processus fils. Il garde chaque message reçu et l'identifiant AUTH.
 */
public class FakeSmtpsServer implements AutoCloseable {

    public static final String STORE_PASSWORD = "changeit";

    /** Un message reçu : l'identité AUTH PLAIN décodée, l'expéditeur, le destinataire, les données brutes. */
    public record Mail(String auth, String from, String to, String data) {
    }

    private final Path keyStore;
    private final SSLServerSocket server;
    private final List<Mail> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeSmtpsServer(Path dir) {
        try {
            keyStore = dir.resolve("smtps.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "smtps", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                    .redirectErrorStream(true).start();
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                store.load(in, STORE_PASSWORD.toCharArray());
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the SMTPS stand-in", e);
        }
        acceptor = new Thread(this::acceptLoop, "fake-smtps");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Mail> received() {
        return received;
    }

    /** Les options JVM qui font confiance à ce certificat (et à lui seul). */
    public List<String> trustFlags() {
        return List.of("-Djavax.net.ssl.trustStore=" + keyStore, "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                session(client);
            } catch (IOException e) {
                // connexion fermée ou serveur arrêté
            }
        }
    }

    /** Le dialogue SMTP minimal : EHLO, AUTH PLAIN, MAIL, RCPT, DATA, QUIT. */
    private void session(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 fake-smtps ready");
        String auth = null;
        String from = null;
        String to = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, "250-fake-smtps\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                case "AUTH" -> {
                    String[] parts = line.split(" ");
                    String encoded = parts.length > 2 ? parts[2] : readAuthContinuation(in, out);
                    auth = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).replace('\0', '|');
                    reply(out, "235 2.7.0 Authentication successful");
                }
                case "MAIL" -> {
                    from = line.substring(line.indexOf(':') + 1).trim();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    to = line.substring(line.indexOf(':') + 1).trim();
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                        data.append(d).append('\n');
                    }
                    received.add(new Mail(auth, from, to, data.toString()));
                    reply(out, "250 OK queued");
                }
                case "QUIT" -> {
                    reply(out, "221 Bye");
                    return;
                }
                default -> reply(out, "250 OK");
            }
        }
    }

    private static String readAuthContinuation(BufferedReader in, OutputStream out) throws IOException {
        reply(out, "334 ");
        return in.readLine();
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // déjà fermé
        }
    }
}
