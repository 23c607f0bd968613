package dev.sluice.core.sql;

/** What a {@link SqlLexer} token is. Only the distinctions the splitter, normaliser and keyword fallback need. */
enum SqlTokenType {
    /** Spaces, tabs, newlines; also the markers around a MySQL executable comment ({@code /*!…} and its end). */
    WHITESPACE,
    /** {@code -- …}, {@code /* … *}{@code /} (nested in PostgreSQL), and {@code # …} in MySQL. */
    COMMENT,
    /** An unquoted identifier or keyword. */
    WORD,
    /** {@code "ident"}, {@code U&"ident"} (PostgreSQL), {@code `ident`} (MySQL). */
    QUOTED_IDENTIFIER,
    /** Any string literal: {@code '…'}, E/N/B/X/U&amp; prefixed, dollar-quoted, and MySQL {@code "…"}. */
    STRING,
    /** Any numeric literal, including hexadecimal, octal, binary and exponent forms. */
    NUMBER,
    /** A bind placeholder: {@code $1} (PostgreSQL) or {@code ?} (MySQL). */
    PARAMETER,
    OPEN_PAREN,
    CLOSE_PAREN,
    SEMICOLON,
    /** Any other single character: operators, commas, dots, brackets. */
    OTHER;

    /** Whether the token carries meaning (everything except whitespace and comments). */
    boolean significant() {
        return this != WHITESPACE && this != COMMENT;
    }

    /** Whether the token is a literal value that must never survive normalisation. */
    boolean literal() {
        return this == STRING || this == NUMBER;
    }
}
