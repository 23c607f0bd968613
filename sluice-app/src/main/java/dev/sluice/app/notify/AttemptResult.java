package dev.sluice.app.notify;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP attempt came to. Reasons are a status or an exception's class, never a URL or a body. */
sealed interface AttemptResult {

    /** A 2xx answer. */
    record Delivered(int status) implements AttemptResult {
    }

    /** Worth another try: a connection error, a timeout, 5xx or 429. */
    record Retryable(String reason, Optional<Duration> retryAfter) implements AttemptResult {
    }

    /** Another try would get the same answer: 4xx other than 429, a redirect, anything else. */
    record Refused(String reason) implements AttemptResult {
    }

    /** Sorts an HTTP answer. */
    static AttemptResult of(int status, Optional<Duration> retryAfter) {
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status == 429 || status >= 500 && status < 600) {
            return new Retryable("HTTP " + status, retryAfter);
        }
        return new Refused("HTTP " + status + " (not retried)");
    }
}
