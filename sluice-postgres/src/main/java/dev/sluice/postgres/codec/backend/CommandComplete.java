package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/**
 * CommandComplete ({@code 'C'}): one statement finished; the tag names it and, for most kinds, counts its rows
 * ({@code INSERT 0 5}, {@code UPDATE 3}, {@code SELECT 10}, {@code COPY 42}, {@code CREATE TABLE}).
 */
public record CommandComplete(String tag) {

    public static final char TYPE = 'C';

    public CommandComplete {
        Objects.requireNonNull(tag, "tag");
    }

    public static CommandComplete decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String tag = reader.cstring();
        reader.expectEnd("CommandComplete");
        return new CommandComplete(tag);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).cstring(tag).toBytes();
    }

    /**
     * The row count the tag reports: its last word when that is a number ({@code INSERT 0 5} → 5, {@code MERGE 2} →
     * 2), else 0 ({@code CREATE TABLE}, {@code BEGIN}).
     */
    public long rowCount() {
        int space = tag.lastIndexOf(' ');
        if (space < 0 || space == tag.length() - 1) {
            return 0;
        }
        long count = 0;
        for (int i = space + 1; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9' || count > Long.MAX_VALUE / 10 - 9) {
                return 0;
            }
            count = count * 10 + (c - '0');
        }
        return count;
    }
}
