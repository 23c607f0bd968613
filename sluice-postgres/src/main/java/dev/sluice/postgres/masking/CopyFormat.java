package dev.sluice.postgres.masking;

import java.util.Objects;

/**
 * How a textual {@code COPY … TO STDOUT} lays out its rows. CopyOutResponse only says "textual"; whether that is
 * PostgreSQL's text format or CSV, and with which delimiter, quote, escape and NULL string, is in the COPY statement's
 * options, which the caller knows from the statement. Every special character is a single ASCII byte, as PostgreSQL
 * requires.
 */
public sealed interface CopyFormat {

    /** {@code FORMAT text} with its defaults: tab, {@code \N}, no header. */
    static CopyFormat text() {
        return new Text('\t', "\\N", false);
    }

    /** {@code FORMAT csv} with its defaults: comma, double quote as quote and escape, empty unquoted NULL. */
    static CopyFormat csv() {
        return new Csv(',', '"', '"', "", false);
    }

    /** Whether the first row holds column names ({@code HEADER}): it is passed as it is. */
    boolean header();

    /**
     * Text format: fields split by the delimiter, backslash escapes ({@code \\}, {@code \t}, {@code \n}, octal,
     * hex…) and the NULL string matched before escapes are undone.
     */
    record Text(char delimiter, String nullString, boolean header) implements CopyFormat {
        public Text {
            ascii(delimiter, "delimiter");
            Objects.requireNonNull(nullString, "nullString");
            if (delimiter == '\\' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException("invalid COPY delimiter");
            }
        }
    }

    /**
     * CSV: fields split by the delimiter, quoted with the quote character (which may enclose delimiters and
     * newlines), the escape character before a quote or escape inside quotes; an unquoted field equal to the NULL
     * string is NULL.
     */
    record Csv(char delimiter, char quote, char escape, String nullString, boolean header) implements CopyFormat {
        public Csv {
            ascii(delimiter, "delimiter");
            ascii(quote, "quote");
            ascii(escape, "escape");
            Objects.requireNonNull(nullString, "nullString");
            if (delimiter == quote || delimiter == '\n' || delimiter == '\r' || quote == '\n' || quote == '\r') {
                throw new IllegalArgumentException("invalid CSV delimiter or quote");
            }
        }
    }

    private static void ascii(char c, String what) {
        if (c == 0 || c > 127) {
            throw new IllegalArgumentException("COPY " + what + " must be a single ASCII character");
        }
    }
}
