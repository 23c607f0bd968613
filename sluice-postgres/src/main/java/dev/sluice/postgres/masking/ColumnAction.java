package dev.sluice.postgres.masking;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What happens to every value of one result column on its way to the client. The core decides (from policy and
 * lineage); the rewriters carry it out, in text and binary format, for rows and COPY data alike. NULL stays NULL
 * under every action.
 */
public sealed interface ColumnAction {

    /** Values leave as they came (the content net, when there is one, still reads text-like values). */
    ColumnAction PASS = new Pass();

    static ColumnAction pass() {
        return PASS;
    }

    static ColumnAction toNull() {
        return new ToNull();
    }

    static ColumnAction rewrite(UnaryOperator<String> fn, boolean keepsType) {
        return new Rewrite(fn, keepsType);
    }

    static ColumnAction refuse(String reason) {
        return new Refuse(reason);
    }

    /** Leave the column's values unchanged. */
    record Pass() implements ColumnAction {
    }

    /**
     * Replace each value by {@code fn} of its canonical text (what PostgreSQL's text output shows: ISO dates,
     * {@code t}/{@code f}, JSON text…); {@code fn} may answer {@code null} for SQL NULL. For an array column
     * {@code fn} applies to each element, NULL elements staying NULL.
     *
     * <p>{@code keepsType} says whether every output of {@code fn} is still a valid value of the column's type (a
     * partial mask of a text column: yes; a date turned into its year: no). An output that is not, or that the
     * codec cannot encode in the column's type, is sent as NULL — or as text where the row description could still
     * be changed to announce {@code text} (see {@link RowDescription#retypedToText}). Never the raw value.
     *
     * <p>Values of opaque types (see {@link PgTypes}) in binary format cannot be decoded, so a rewrite makes them
     * NULL; in text format their text is rewritten like any other.
     */
    record Rewrite(UnaryOperator<String> fn, boolean keepsType) implements ColumnAction {
        public Rewrite {
            Objects.requireNonNull(fn, "fn");
        }
    }

    /** Send every value of the column as NULL. */
    record ToNull() implements ColumnAction {
    }

    /**
     * The whole result must not be sent: the client gets an error instead (see {@link ResultRefusedException}).
     *
     * @param reason the client's sentence; never quote a value in it
     */
    record Refuse(String reason) implements ColumnAction {
        public Refuse {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
