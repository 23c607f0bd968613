package dev.sluice.app.api;

/**
 * The admin API said no, or could not be reached.
 *
 * <p>{@link #status()} is the HTTP status, or 0 when no answer came; {@link #code()} the API's error code
 * ({@code unreachable} when no answer came, {@code bad-response} when the answer was not the API's JSON); the
 * message is a sentence for the user, never the token.
 */
public final class AdminApiException extends RuntimeException {

    private final int status;
    private final String code;

    public AdminApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
