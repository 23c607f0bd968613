package dev.sluice.postgres.masking;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * The session settings that change how a value's bytes read as text: the client encoding (text values, binary
 * included, travel in it) and the time zone (a binary {@code timestamptz} is an instant; its text shows it in the
 * session's {@code TimeZone}).
 */
public record ValueContext(Charset charset, ZoneId timeZone) {

    /** UTF-8 and UTC: what the gateway assumes until the server reports otherwise. */
    public static final ValueContext DEFAULT = new ValueContext(StandardCharsets.UTF_8, ZoneOffset.UTC);

    public ValueContext {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /**
     * With the server's {@code client_encoding}. Encodings Java knows under PostgreSQL's name are used as such;
     * {@code SQL_ASCII} and any name not recognised are read as ISO-8859-1, which maps every byte to a character and
     * back, so unchanged bytes survive a rewrite exactly and the ASCII the detectors look for is still seen.
     */
    public ValueContext withClientEncoding(String pgName) {
        return new ValueContext(charsetFor(pgName), timeZone);
    }

    /**
     * With the server's {@code TimeZone}. A zone Java cannot name (POSIX forms such as {@code <+03>-03}) falls back
     * to UTC: the instant stays right, only the offset shown differs.
     */
    public ValueContext withTimeZone(String pgName) {
        ZoneId zone;
        try {
            zone = ZoneId.of(pgName, ZoneId.SHORT_IDS);
        } catch (RuntimeException e) {
            zone = ZoneOffset.UTC;
        }
        return new ValueContext(charset, zone);
    }

    static Charset charsetFor(String pgName) {
        String normalised = pgName == null ? "" : pgName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return switch (normalised) {
            case "UTF8", "UNICODE" -> StandardCharsets.UTF_8;
            case "LATIN1", "ISO88591" -> StandardCharsets.ISO_8859_1;
            case "WIN1252" -> lookup("windows-1252");
            case "LATIN2" -> lookup("ISO-8859-2");
            case "LATIN9" -> lookup("ISO-8859-15");
            case "WIN1250" -> lookup("windows-1250");
            case "WIN1251" -> lookup("windows-1251");
            case "KOI8R" -> lookup("KOI8-R");
            case "EUCJP" -> lookup("EUC-JP");
            case "EUCKR" -> lookup("EUC-KR");
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    private static Charset lookup(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
