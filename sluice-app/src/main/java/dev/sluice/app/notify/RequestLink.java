package dev.sluice.app.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Where a person or a program finds a request in full: {@code <public_url>/api/v1/approvals/<id>}. */
final class RequestLink {

    private final String base;

    /** @param publicUrl the admin API's public address ({@code admin.public_url}); a path in it is kept */
    RequestLink(URI publicUrl) {
        Objects.requireNonNull(publicUrl, "publicUrl");
        if (!publicUrl.isAbsolute() || publicUrl.getHost() == null) {
            throw new IllegalArgumentException("the public URL must be absolute with a host: " + publicUrl);
        }
        String text = publicUrl.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    String to(String requestId) {
        return base + "/api/v1/approvals/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
