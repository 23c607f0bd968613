package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.PgProtocolException;

import java.util.Objects;

/** ErrorResponse ({@code 'E'}). Its texts may quote row values; {@link ErrorFields#toString()} leaves them out. */
public record ErrorResponse(ErrorFields fields) {

    public static final char TYPE = 'E';

    public ErrorResponse {
        Objects.requireNonNull(fields, "fields");
    }

    /** A fresh ERROR with SQLSTATE and message. */
    public static ErrorResponse of(String sqlState, String message) {
        return new ErrorResponse(ErrorFields.of("ERROR", sqlState, message));
    }

    public static ErrorResponse decode(byte[] body) throws PgProtocolException {
        return new ErrorResponse(ErrorFields.decode(body));
    }

    public byte[] encode() {
        return fields.encode(TYPE);
    }
}
