package dev.sluice.core.masking;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.util.Objects;

/**
 * How one value is masked. The protocol module decodes each wire value to text, asks the strategy of the value's
 * column, and encodes the answer back (see {@link ValueKind} for the rule when the answer no longer fits the
 * column's type).
 *
 * <p>Every strategy fails closed: a value it cannot apply to (a "date" that is not one, a ZIP code with letters)
 * is masked in full — {@value Redact#DEFAULT_MARKER} where the column carries text, NULL where it keeps a typed
 * value — never passed through.
 */
public sealed interface MaskStrategy permits Redact, Partial, HmacToken, Pseudonym, Year, Zip3, NullValue {

    /** The strategy's name in configuration: {@code redact}, {@code partial}, {@code hmac}, … */
    String name();

    /**
     * Whether every output for a value of {@code kind} is a valid value of that kind, so the column keeps its type.
     * The same for every row: the protocol side asks once per column. Every strategy fits {@link ValueKind#TEXT}
     * and {@link ValueKind#JSON}; {@link NullValue} fits every kind.
     */
    boolean fits(ValueKind kind);

    /**
     * The masked form of {@code value}, a value of {@code kind} decoded to text; {@code null} means SQL NULL (and a
     * NULL value stays NULL). For {@link ValueKind#JSON} the whole document is replaced by a JSON string (a token
     * for {@link HmacToken}, the marker otherwise) or by NULL; masking inside a document is {@link JsonMasking}'s.
     */
    default String mask(String value, ValueKind kind) {
        Objects.requireNonNull(kind, "kind");
        if (value == null || this instanceof NullValue) {
            return null;
        }
        if (kind == ValueKind.JSON) {
            return jsonString(wholeDocument(this, value));
        }
        String masked = switch (this) {
            case Redact redact -> redact.marker();
            case Partial partial -> partial.apply(value);
            case HmacToken hmac -> hmac.token(value);
            case Pseudonym pseudonym -> pseudonym.apply(value, kind);
            case Year year -> year.apply(value, kind, Year.thisYear());
            case Zip3 zip3 -> zip3.apply(value, kind);
            case NullValue nullValue -> null;
        };
        if (masked != null) {
            return masked;
        }
        return kind.isText() || !fits(kind) ? Redact.DEFAULT_MARKER : null;
    }

    /**
     * What replaces a whole JSON document or sub-document: a token of its text, the marker, or null. Other
     * strategies cannot apply to a document (a partial or a pseudonym of JSON text is no longer JSON).
     */
    static String wholeDocument(MaskStrategy strategy, String json) {
        return switch (strategy) {
            case NullValue nullValue -> null;
            case HmacToken hmac -> hmac.token(json);
            case Redact redact -> redact.marker();
            case Partial _, Pseudonym _, Year _, Zip3 _ -> Redact.DEFAULT_MARKER;
        };
    }

    /** {@code text} as a JSON string literal, quotes included; null stays null. */
    static String jsonString(String text) {
        return text == null ? null : '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
