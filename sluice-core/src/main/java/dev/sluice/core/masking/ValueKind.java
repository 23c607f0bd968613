package dev.sluice.core.masking;

/**
 * What kind of value a strategy masks: the protocol module decodes each wire value to text and says which kind the
 * column's type is, so that a strategy can tell whether its output is still a valid value of that type.
 *
 * <p>For PostgreSQL the intended mapping is: {@code text}, {@code varchar}, {@code bpchar}, {@code char},
 * {@code name}, {@code citext} → {@link #TEXT}; {@code json}, {@code jsonb} → {@link #JSON}; {@code date} →
 * {@link #DATE}; {@code timestamp}, {@code timestamptz} → {@link #TIMESTAMP}; {@code int2}, {@code int4},
 * {@code int8} → {@link #INTEGER}; {@code numeric}, {@code float4}, {@code float8} → {@link #NUMERIC}; anything else
 * the gateway can decode to text ({@code uuid}, {@code inet}, …) → {@link #OTHER}. Arrays are masked element by
 * element with the element's kind.
 *
 * <h2>The typed-output rule (for the protocol side)</h2>
 * <ol>
 *   <li>A column whose strategy {@link MaskStrategy#fits fits} its kind keeps its type: the masked text is encoded
 *       back in the format the client asked for (text or binary).</li>
 *   <li>A column whose strategy does not fit its kind (a {@code date} masked to a year, an {@code int4} masked to
 *       {@code ***}) is announced as {@code text} in the row description the client receives, and the masked text
 *       is sent (in binary format, a {@code text} value is its UTF-8 bytes); arrays become {@code text[]}. Where
 *       the client was already told the original type and it cannot be changed any more, every value of the
 *       column is sent as NULL instead.</li>
 *   <li>When a single masked value of a fitting column still cannot be encoded in the column's type (a
 *       pseudonymised {@code int4} that overflows), that value is sent as NULL.</li>
 *   <li>NULL stays NULL. A {@code null} returned by {@link MaskStrategy#mask} means SQL NULL.</li>
 * </ol>
 * Every rule errs towards less data, never towards the raw value.
 */
public enum ValueKind {

    /** Character data. Every strategy's output is valid text. */
    TEXT,
    /** A JSON document; whole-value masking produces a JSON value (a JSON string or {@code null}). */
    JSON,
    /** A calendar date. */
    DATE,
    /** A timestamp with or without time zone. */
    TIMESTAMP,
    /** An integer of any width. */
    INTEGER,
    /** A decimal or floating-point number. */
    NUMERIC,
    /** Any other type decoded to text: only NULL is sure to be a valid value of it. */
    OTHER;

    /** Whether any text is a valid value of this kind. */
    boolean isText() {
        return this == TEXT;
    }

    boolean isNumber() {
        return this == INTEGER || this == NUMERIC;
    }
}
