package dev.sluice.app.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The admin API's base URL as a user types it ({@code --server}): http(s), a host, no query; no trailing slash. */
public final class ServerUrl {

    private ServerUrl() {
    }

    /** @throws IllegalArgumentException with a sentence saying what is wrong */
    public static URI parse(String text) {
        String written = text.strip();
        URI uri;
        try {
            uri = new URI(written);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + written + "' is not a URL (e.g. http://127.0.0.1:9090)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + written + "' must be an http:// or https:// URL with a host "
                    + "(e.g. http://127.0.0.1:9090)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + written + "' must not carry a user, a query or a fragment");
        }
        return normalize(uri);
    }

    /** The same URL without trailing slashes, so that two spellings of one server compare equal. */
    public static URI normalize(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** Whether a token sent to {@code server} crosses a network unencrypted (plain http to a non-loopback host). */
    public static boolean exposesTokens(URI server) {
        if (!"http".equalsIgnoreCase(server.getScheme())) {
            return false;
        }
        String host = server.getHost().toLowerCase(Locale.ROOT);
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }
}
