package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.BodyReader;
import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * NegotiateProtocolVersion ({@code 'v'}): the server's answer to a StartupMessage asking for a newer minor version
 * or for {@code _pq_.} options it does not know; the session then continues at {@code newestMinor}.
 *
 * @param newestMinor         newest minor protocol version the server supports for the requested major
 * @param unrecognizedOptions the protocol options the server did not recognise
 */
public record NegotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) {

    public static final char TYPE = 'v';

    public NegotiateProtocolVersion {
        if (newestMinor < 0 || newestMinor > 0xFFFF) {
            throw new IllegalArgumentException("minor version out of range: " + newestMinor);
        }
        unrecognizedOptions = List.copyOf(unrecognizedOptions);
    }

    public static NegotiateProtocolVersion decode(byte[] body) throws PgProtocolException {
        BodyReader reader = new BodyReader(body);
        int newestMinor = reader.int32();
        int count = reader.int32();
        if (count < 0 || count > reader.remaining()) {
            throw PgProtocolException.violation("NegotiateProtocolVersion claims " + count + " options");
        }
        List<String> options = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            options.add(reader.cstring());
        }
        reader.expectEnd("NegotiateProtocolVersion");
        if (newestMinor < 0 || newestMinor > 0xFFFF) {
            throw PgProtocolException.violation("NegotiateProtocolVersion minor out of range: " + newestMinor);
        }
        return new NegotiateProtocolVersion(newestMinor, options);
    }

    public byte[] encode() {
        WireWriter writer = WireWriter.message(TYPE).int32(newestMinor).int32(unrecognizedOptions.size());
        unrecognizedOptions.forEach(writer::cstring);
        return writer.toBytes();
    }
}
