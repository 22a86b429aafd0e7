package com.calvalot.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Une requête HTTP écrite à la main sur une socket de 127.0.0.1 : ce qu'un client poli (HttpClient)
 * refuse d'envoyer — un en-tête Host choisi, pas de Host du tout, « GET * ».
 */
public final class RawHttp {

    /** Statut, en-têtes (noms en minuscules) et corps d'une réponse. */
    public record Answer(int status, String head, String body) {
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private RawHttp() {
    }

    /** Envoie {@code request} tel quel (avec Connection: close de préférence) et lit jusqu'à la fermeture. */
    public static Answer send(int port, String request) {
        return send(port, null, request);
    }

    /** Idem depuis l'adresse locale {@code from} (tout 127/8 est la boucle locale ; null : au choix du système). */
    public static Answer send(int port, String from, String request) {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // le serveur a répondu et fermé avant la fin d'un gros corps : sa réponse est à lire
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0) {
                    String head = text.substring(0, end);
                    String length = new Answer(0, head, "").header("Content-Length");
                    if (length != null && text.length() - end - 4 >= Integer.parseInt(length)) {
                        break;
                    }
                }
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Answer(-1, text, "");
            }
            String head = text.substring(0, end);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, text.substring(end + 4));
        } catch (IOException e) {
            return new Answer(-1, e.toString(), "");
        }
    }
}
