package dev.sluice.app.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps the values one metric tag may take few and harmless.
 *
 * <p>Every distinct tag value is a new time series in Prometheus, kept for as long as the process runs. Protocol
 * modules are meant to pass short fixed codes ({@code bad-credential}, {@code malformed}), but a code built from
 * an error text, a user name or an address would grow without bound and could carry personal data into the
 * monitoring system. So a value must look like a code (lower-case letters, digits, {@code - _ .}, at most 48
 * characters), and only the first {@code limit} distinct values are kept; anything else is counted as
 * {@value #OTHER}.
 */
final class BoundedTagValues {

    /** The value reported instead of one that is not code-like or arrived after the limit was reached. */
    static final String OTHER = "other";

    private static final Pattern CODE_LIKE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");

    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    /** @param limit how many distinct values (besides {@value #OTHER}) this tag may take */
    BoundedTagValues(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /** The value to report for {@code value}: itself (lower-cased) when admitted, else {@value #OTHER}. */
    String admit(String value) {
        if (value == null) {
            return OTHER;
        }
        if (admitted.contains(value)) {
            return value; // the hot path: a known code, no allocation
        }
        String code = value.toLowerCase(Locale.ROOT);
        if (!CODE_LIKE.matcher(code).matches()) {
            return OTHER;
        }
        synchronized (admitted) {
            if (admitted.contains(code) || admitted.size() < limit) {
                admitted.add(code);
                return code;
            }
        }
        return OTHER;
    }
}
