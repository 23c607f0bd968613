package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.PgProtocolException;

import java.util.Objects;

/** NoticeResponse ({@code 'N'}): same fields as an error, severity NOTICE, WARNING, INFO… */
public record NoticeResponse(ErrorFields fields) {

    public static final char TYPE = 'N';

    public NoticeResponse {
        Objects.requireNonNull(fields, "fields");
    }

    public static NoticeResponse decode(byte[] body) throws PgProtocolException {
        return new NoticeResponse(ErrorFields.decode(body));
    }

    public byte[] encode() {
        return fields.encode(TYPE);
    }
}
