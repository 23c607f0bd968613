package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.Objects;

/**
 * Execute ({@code 'E'}): run a portal.
 *
 * @param portal  portal name, {@code ""} for the unnamed portal
 * @param maxRows row limit for this call, 0 for no limit; a limited portal answers PortalSuspended and stays open
 */
public record Execute(String portal, int maxRows) {

    public static final char TYPE = 'E';

    public Execute {
        Objects.requireNonNull(portal, "portal");
    }

    public static Execute decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        String portal = reader.cstring();
        int maxRows = reader.int32();
        reader.expectEnd("Execute");
        return new Execute(portal, maxRows);
    }

    public byte[] encode() {
        return WireWriter.message(TYPE).cstring(portal).int32(maxRows).toBytes();
    }
}
