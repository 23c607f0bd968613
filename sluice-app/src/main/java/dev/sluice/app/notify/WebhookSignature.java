package dev.sluice.app.notify;

import dev.sluice.core.connection.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * How a delivery proves it comes from this gateway. Each attempt carries
 * <pre>
 * X-Sluice-Timestamp: 1767225600                 (unix seconds when the attempt was sent)
 * X-Sluice-Delivery:  5f0c…-…                     (a UUID, the same for every attempt of one delivery)
 * X-Sluice-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + raw body)&gt;
 * </pre>
 * A receiver recomputes the HMAC over the header's timestamp, a dot and the body bytes exactly as received (before
 * any JSON parsing), compares it with the header in constant time, rejects a timestamp more than a few minutes
 * away from its own clock (a replayed delivery), and may drop a delivery id it has already processed (a retry
 * whose response was lost). docs/configuration.md shows a receiver doing this.
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-Sluice-Timestamp";
    public static final String DELIVERY_HEADER = "X-Sluice-Delivery";
    public static final String SIGNATURE_HEADER = "X-Sluice-Signature";
    public static final String EVENT_HEADER = "X-Sluice-Event";
    /** The scheme prefix; a future scheme would be {@code v2=}, sent next to {@code v1=} while receivers move. */
    public static final String VERSION = "v1";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@code X-Sluice-Signature} value for {@code body} sent at {@code timestampSeconds}. */
    public static String sign(Secret secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is a mandatory JDK algorithm and any key length is valid for HMAC.
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
