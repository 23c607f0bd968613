package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/**
 * Query ({@code 'Q'}): a simple-protocol SQL string, possibly several statements separated by semicolons.
 *
 * <p>The text can carry PHI literals, so {@link #toString()} shows only its length.
 *
 * @see <a href="https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-SIMPLE-QUERY">Simple Query</a>
 */
public record Query(String sql) {

    public static final char TYPE = 'Q';

    public Query {
        Objects.requireNonNull(sql, "sql");
        if (sql.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("query text must not contain NUL");
        }
    }

    public static Query decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String sql = reader.cstring();
        reader.expectEnd("Query");
        return new Query(sql);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).cstring(sql).toBytes();
    }

    @Override
    public String toString() {
        return "Query[" + sql.length() + " chars]";
    }
}
