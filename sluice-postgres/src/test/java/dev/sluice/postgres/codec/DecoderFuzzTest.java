package dev.sluice.postgres.codec;

import dev.sluice.postgres.codec.backend.CommandComplete;
import dev.sluice.postgres.codec.frontend.Bind;
import dev.sluice.postgres.codec.frontend.Close;
import dev.sluice.postgres.codec.frontend.Execute;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.codec.frontend.StartupMessage;
import dev.sluice.postgres.codec.frontend.StartupPhaseMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutations of valid message bodies: a decoder may accept the bytes or refuse them with
 * {@link PgProtocolException}, and nothing else (no index errors, no runaway allocation from a hostile count).
 */
class DecoderFuzzTest {

    @FunctionalInterface
    private interface Decoder {
        Object decode(byte[] body) throws PgProtocolException;
    }

    private record Sample(String name, byte[] body, Decoder decoder) {
    }

    private static final List<Sample> SAMPLES = List.of(
            new Sample("Query", body(new Query("select * from visits where id = 1").encode()), Query::decode),
            new Sample("Parse", body(new Parse("S_1", "select $1, $2", List.of(23, 25)).encode()), Parse::decode),
            new Sample("Bind", body(new Bind("C_1", "S_1", List.of(0, 1),
                    Arrays.asList("42".getBytes(StandardCharsets.UTF_8), null), List.of(1)).encode()), Bind::decode),
            new Sample("Execute", body(new Execute("C_1", 50).encode()), Execute::decode),
            new Sample("Close", body(new Close(Close.Target.STATEMENT, "S_1").encode()), Close::decode),
            new Sample("CommandComplete", body(new CommandComplete("INSERT 0 5").encode()), CommandComplete::decode),
            new Sample("StartupMessage", untypedBody(StartupMessage.of(Map.of("user", "alice", "database",
                    "clinic")).encode()), StartupPhaseMessage::decode));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void mutatedBodiesDecodeOrFailWithAProtocolException(long seed) {
        Random random = new Random(seed);
        for (Sample sample : SAMPLES) {
            for (int i = 0; i < 250; i++) {
                byte[] mutated = mutate(sample.body(), random);
                try {
                    sample.decoder().decode(mutated);
                } catch (PgProtocolException expected) {
                    assertThat(expected.sqlState()).isIn("08P01", "0A000");
                } catch (RuntimeException e) {
                    throw new AssertionError(sample.name() + " decoder threw " + e + " for seed " + seed
                            + " case " + i, e);
                }
            }
        }
    }

    private static byte[] mutate(byte[] body, Random random) {
        byte[] out = body.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && out.length > 0; m++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(3)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out = Arrays.copyOf(out, at);
                default -> {
                    byte[] longer = Arrays.copyOf(out, out.length + 1);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    longer[at] = (byte) (random.nextBoolean() ? 0xFF : 0);
                    out = longer;
                }
            }
        }
        return out;
    }

    private static byte[] body(byte[] typed) {
        return Arrays.copyOfRange(typed, 5, typed.length);
    }

    private static byte[] untypedBody(byte[] untyped) {
        return Arrays.copyOfRange(untyped, 4, untyped.length);
    }
}
