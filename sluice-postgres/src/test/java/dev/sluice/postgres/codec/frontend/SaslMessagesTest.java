package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SASLInitialResponse and SASLResponse. */
class SaslMessagesTest {

    private static final String CLIENT_FIRST = "n,,n=,r=rOprNGfwEbeRWgbNEkqO";

    @Test
    void initialResponseCarriesMechanismLengthAndData() {
        byte[] expected = of('p', int32(4 + 14 + 4 + CLIENT_FIRST.length()), "SCRAM-SHA-256", NUL,
                int32(CLIENT_FIRST.length()), CLIENT_FIRST);

        assertThat(new SaslInitialResponse("SCRAM-SHA-256", CLIENT_FIRST.getBytes()).encode()).isEqualTo(expected);
    }

    @Test
    void initialResponseDecodes() throws PgProtocolException {
        byte[] body = of("SCRAM-SHA-256", NUL, int32(CLIENT_FIRST.length()), CLIENT_FIRST);

        assertThat(SaslInitialResponse.decode(body))
                .isEqualTo(new SaslInitialResponse("SCRAM-SHA-256", CLIENT_FIRST.getBytes()));
    }

    @Test
    void initialResponseWithoutDataIsLengthMinusOne() throws PgProtocolException {
        SaslInitialResponse decoded = SaslInitialResponse.decode(of("SCRAM-SHA-256", NUL, int32(-1)));

        assertThat(decoded.data()).isEmpty();
    }

    @Test
    void initialResponseLongerThanItsBodyIsAProtocolViolation() {
        assertThatThrownBy(() -> SaslInitialResponse.decode(of("SCRAM-SHA-256", NUL, int32(100), "abc")))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void responseIsTheRawData() {
        assertThat(new SaslResponse("c=biws".getBytes()).encode()).isEqualTo(of('p', int32(10), "c=biws"));
        assertThat(SaslResponse.decode(of("c=biws"))).isEqualTo(new SaslResponse("c=biws".getBytes()));
    }

    @Test
    void toStringHidesTheExchange() {
        assertThat(new SaslInitialResponse("SCRAM-SHA-256", CLIENT_FIRST.getBytes()).toString())
                .contains("SCRAM-SHA-256").doesNotContain("rOprNG");
        assertThat(new SaslResponse("c=biws,p=proof".getBytes()).toString()).doesNotContain("proof");
    }
}
