package dev.sluice.postgres.gateway;

import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.frontend.Bind;
import dev.sluice.postgres.codec.frontend.Close;
import dev.sluice.postgres.codec.frontend.Execute;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.codec.frontend.PasswordMessage;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A valid session's frontend byte stream (startup, password, simple and extended queries, Terminate), mutated by
 * seeded random byte flips, insertions and deletions. Whatever the bytes, the gateway must answer or close, never
 * hang (a 10 s socket read timeout is the failure), and must go on serving fresh clients.
 */
class MutationFuzzIT {

    private static final int CASES = 300;
    private static final long SEED = 0x5EED_F00DL;

    @RegisterExtension
    static final GatewayFixture servers = GatewayFixture.standard();

    @Test
    void mutatedSessionsNeverHangTheGateway() throws Exception {
        byte[] valid = validSession();
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            byte[] mutated = mutate(valid, random);
            try (RawClient client = new RawClient(gateway().port())) {
                try {
                    client.send(mutated);
                    client.shutdownOutput();
                } catch (IOException closedEarly) {
                    // the gateway may close before it has read everything; that is an answer too
                }
                client.drainToClose();
            } catch (AssertionError e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") hung the gateway", e);
            }
        }
        gateway().awaitNoSessions();
        servers.awaitNoUpstreamSessions();
        try (Connection c = gateway().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 'alive'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("alive");
        }
    }

    @Test
    void theUnmutatedStreamIsAValidSession() throws Exception {
        try (RawClient client = new RawClient(gateway().port())) {
            client.send(validSession());
            client.shutdownOutput();
            String types = RawClient.types(client.readToEnd());
            assertThat(types).as("password request, ok, parameters").startsWith("RRS");
            assertThat(types.substring(types.indexOf('K')))
                    .as("key, ready, simple query, extended query, close; all answered before Terminate")
                    .isEqualTo("KZ" + "TDCZ" + "12TDCZ" + "3Z");
        }
    }

    /** The messages pgjdbc and psql send, as the codec records encode them. */
    private static byte[] validSession() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("user", "alice");
        parameters.put("database", GatewayHarness.CONNECTION);
        parameters.put("client_encoding", "UTF8");
        parameters.put("application_name", "fuzz");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : List.of(
                StartupMessage.of(parameters).encode(),
                new PasswordMessage(TestIdentities.ALICE_TOKEN).encode(),
                new Query("select 1").encode(),
                new Parse("s1", "select $1::int + 1", List.of(23)).encode(),
                new Bind("p1", "s1", List.of(0), List.of("41".getBytes(StandardCharsets.UTF_8)), List.of(0))
                        .encode(),
                WireWriter.message('D').int8('P').cstring("p1").toBytes(),
                new Execute("p1", 0).encode(),
                WireWriter.message('S').toBytes(),
                new Close(Close.Target.STATEMENT, "s1").encode(),
                WireWriter.message('S').toBytes(),
                WireWriter.message('X').toBytes())) {
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    private static byte[] mutate(byte[] valid, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = valid.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> {
                    out.reset();
                    out.write(bytes, 0, at);
                    out.write(random.nextInt(256));
                    out.write(bytes, at, bytes.length - at);
                    bytes = out.toByteArray();
                }
                default -> {
                    out.reset();
                    out.write(bytes, 0, at);
                    out.write(bytes, at + 1, bytes.length - at - 1);
                    bytes = out.toByteArray();
                }
            }
        }
        return bytes;
    }

    private static GatewayHarness gateway() {
        return servers.gateway();
    }
}
