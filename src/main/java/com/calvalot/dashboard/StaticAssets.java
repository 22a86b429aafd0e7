package com.calvalot.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import com.calvalot.api.JsonResponses;

/**
 * Sert la page du tableau de bord et ses fichiers depuis le classpath {@code static/} : le bon
 * Content-Type, un ETag, des en-têtes de cache, jamais de chemin qui sorte du dossier, un 404 JSON
 * pour ce qui n'existe pas.
 */
public class StaticAssets {

    static final String ROOT = "static/";
    static final String INDEX = "index.html";
    static final String ASSETS_PREFIX = "/assets/";

    /** Seuls ces types sont servis : un fichier d'un autre type n'est pas un fichier du tableau de bord. */
    static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** Des segments sages : lettres, chiffres, point, tiret, souligné ; jamais un segment qui commence par un point. */
    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");

    /** Un fichier lu une fois : il ne change pas tant que le jar ne change pas. */
    record Asset(byte[] body, String contentType, String etag, String cacheControl) {
    }

    private final ClassLoader classLoader;
    private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

    public StaticAssets() {
        this(StaticAssets.class.getClassLoader());
    }

    StaticAssets(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** GET / : la page elle-même. */
    public void index(Exchange exchange) {
        answer(exchange, find(INDEX));
    }

    /** Une page de static/ (la page d'installation, par exemple). */
    public void serve(Exchange exchange, String relative) {
        answer(exchange, find(relative));
    }

    /** GET /assets/… : un fichier sous static/assets/. */
    public void asset(Exchange exchange) {
        String path = requestPath(exchange.getMessage());
        if (!path.startsWith(ASSETS_PREFIX)) {
            answer(exchange, Optional.empty());
            return;
        }
        answer(exchange, find("assets/" + path.substring(ASSETS_PREFIX.length())));
    }

    /** Le chemin demandé, sans la requête, décodé ; ce qui ne se décode pas ne sera jamais trouvé. */
    static String requestPath(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            uri = in.getHeader(Exchange.HTTP_PATH, "", String.class);
        }
        int query = uri.indexOf('?');
        String raw = query < 0 ? uri : uri.substring(0, query);
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Le fichier {@code static/<relative>} s'il est sûr, connu et de type servi. */
    Optional<Asset> find(String relative) {
        if (!isSafe(relative)) {
            return Optional.empty();
        }
        Asset cached = loaded.get(relative);
        if (cached != null) {
            return Optional.of(cached);
        }
        String type = TYPES.get(extension(relative));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = classLoader.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] body = in.readAllBytes();
            Asset asset = new Asset(body, type, etag(body), cacheControl(relative));
            loaded.put(relative, asset);
            return Optional.of(asset);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean isSafe(String relative) {
        return relative.length() <= 200 && !relative.contains("..") && SAFE_PATH.matcher(relative).matches();
    }

    /**
     * La page et nos scripts sont revalidés à chaque fois (un 304 ne coûte rien, et une mise à jour
     * se voit tout de suite) ; la bibliothèque vendue porte sa version dans son chemin et ne change
     * jamais. Toujours « private » : derrière l'authentification Basic, rien dans un cache partagé.
     */
    static String cacheControl(String relative) {
        return relative.startsWith("assets/vendor/") ? "private, max-age=31536000, immutable" : "private, no-cache";
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(Exchange exchange, Optional<Asset> found) {
        Message message = exchange.getMessage();
        String ifNoneMatch = message.getHeader("If-None-Match", String.class);
        if (found.isEmpty()) {
            JsonResponses.error(exchange, 404, "not found");
            return;
        }
        Asset asset = found.get();
        // les en-têtes de la requête ne doivent jamais revenir dans la réponse
        message.removeHeaders("*");
        message.setHeader("ETag", asset.etag());
        message.setHeader("Cache-Control", asset.cacheControl());
        if (asset.etag().equals(ifNoneMatch)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, asset.contentType());
        message.setBody(asset.body());
    }
}
