package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of an ErrorResponse or NoticeResponse, keyed by their one-byte codes and kept in wire order.
 *
 * <p>Upstream message, detail and hint texts can quote row values ({@code Key (ssn)=(…) already exists}), so
 * {@link #toString()} prints only severity, SQLSTATE and which fields are present.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-error-fields.html">Error and Notice Message Fields</a>
 */
public record ErrorFields(Map<Character, String> fields) {

    public static final char SEVERITY = 'S';
    /** Severity, never localised (PostgreSQL 9.6+). */
    public static final char SEVERITY_NON_LOCALIZED = 'V';
    public static final char SQLSTATE = 'C';
    public static final char MESSAGE = 'M';
    public static final char DETAIL = 'D';
    public static final char HINT = 'H';
    public static final char POSITION = 'P';

    public ErrorFields {
        Objects.requireNonNull(fields, "fields");
        LinkedHashMap<Character, String> copy = new LinkedHashMap<>();
        fields.forEach((code, value) -> {
            if (code == null || code == 0 || code > 0xFF) {
                throw new IllegalArgumentException("invalid error field code " + (code == null ? "null" : (int) code));
            }
            copy.put(code, Objects.requireNonNull(value, "value of field " + code));
        });
        fields = Collections.unmodifiableMap(copy);
    }

    /** A fresh error or notice: severity (also as the non-localised 'V'), SQLSTATE and primary message. */
    public static ErrorFields of(String severity, String sqlState, String message) {
        LinkedHashMap<Character, String> fields = new LinkedHashMap<>();
        fields.put(SEVERITY, Objects.requireNonNull(severity, "severity"));
        fields.put(SEVERITY_NON_LOCALIZED, severity);
        fields.put(SQLSTATE, Objects.requireNonNull(sqlState, "sqlState"));
        fields.put(MESSAGE, Objects.requireNonNull(message, "message"));
        return new ErrorFields(fields);
    }

    /** Decodes the field list of an 'E' or 'N' body: (code byte, C string)* terminated by a zero byte. */
    public static ErrorFields decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        LinkedHashMap<Character, String> fields = new LinkedHashMap<>();
        while (true) {
            int code = reader.int8();
            if (code == 0) {
                break;
            }
            fields.put((char) code, reader.cstring());
        }
        reader.expectEnd("error/notice field list");
        return new ErrorFields(fields);
    }

    /** Complete wire bytes as an ErrorResponse ({@code 'E'}) or NoticeResponse ({@code 'N'}). */
    public byte[] encode(char type) {
        if (type != ErrorResponse.TYPE && type != NoticeResponse.TYPE) {
            throw new IllegalArgumentException("error fields are sent as 'E' or 'N', not '" + type + "'");
        }
        WireWriter writer = WireWriter.message(type);
        fields.forEach((code, value) -> writer.int8(code).cstring(value));
        return writer.int8(0).toBytes();
    }

    public Optional<String> field(char code) {
        return Optional.ofNullable(fields.get(code));
    }

    /** Severity ('S'), e.g. ERROR, FATAL, NOTICE; {@code null} if the peer left it out. */
    public String severity() {
        return fields.get(SEVERITY);
    }

    /** SQLSTATE ('C'); {@code null} if the peer left it out. */
    public String sqlState() {
        return fields.get(SQLSTATE);
    }

    /** Primary message ('M'); {@code null} if the peer left it out. */
    public String message() {
        return fields.get(MESSAGE);
    }

    /** Detail ('D'), or {@code null} when absent. */
    public String detail() {
        return fields.get(DETAIL);
    }

    /** Hint ('H'), or {@code null} when absent. */
    public String hint() {
        return fields.get(HINT);
    }

    /** A copy with the field set (replaced in place when present, appended otherwise). */
    public ErrorFields with(char code, String value) {
        LinkedHashMap<Character, String> copy = new LinkedHashMap<>(fields);
        copy.put(code, value);
        return new ErrorFields(copy);
    }

    /** A copy without the field. */
    public ErrorFields without(char code) {
        LinkedHashMap<Character, String> copy = new LinkedHashMap<>(fields);
        copy.remove(code);
        return new ErrorFields(copy);
    }

    public ErrorFields withMessage(String message) {
        return with(MESSAGE, message);
    }

    public ErrorFields withDetail(String detail) {
        return with(DETAIL, detail);
    }

    public ErrorFields withHint(String hint) {
        return with(HINT, hint);
    }

    @Override
    public String toString() {
        StringBuilder codes = new StringBuilder();
        fields.keySet().forEach(codes::append);
        return "ErrorFields[severity=" + severity() + ", sqlState=" + sqlState() + ", fields=" + codes + "]";
    }
}
