package dev.sluice.postgres.masking;

import java.util.Objects;

/**
 * A result must not reach the client at all: a column's decision was {@link ColumnAction.Refuse}, or the rewriter
 * met something it cannot mask safely (a COPY row over the buffer bound, a malformed row, a failing mask function).
 * The reason is safe to show the client and to log: it never quotes a value.
 */
public final class ResultRefusedException extends Exception {

    public ResultRefusedException(String reason) {
        super(Objects.requireNonNull(reason, "reason"), null, false, false);
    }

    /** Why, in a sentence fit for the client's error message. */
    public String reason() {
        return getMessage();
    }
}
