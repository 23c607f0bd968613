package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontendTypeTest {

    @Test
    void everyReadyPhaseMessageHasItsWireByte() throws PgProtocolException {
        assertThat(FrontendType.of((byte) 'Q')).isEqualTo(FrontendType.QUERY);
        assertThat(FrontendType.of((byte) 'P')).isEqualTo(FrontendType.PARSE);
        assertThat(FrontendType.of((byte) 'B')).isEqualTo(FrontendType.BIND);
        assertThat(FrontendType.of((byte) 'D')).isEqualTo(FrontendType.DESCRIBE);
        assertThat(FrontendType.of((byte) 'E')).isEqualTo(FrontendType.EXECUTE);
        assertThat(FrontendType.of((byte) 'C')).isEqualTo(FrontendType.CLOSE);
        assertThat(FrontendType.of((byte) 'S')).isEqualTo(FrontendType.SYNC);
        assertThat(FrontendType.of((byte) 'H')).isEqualTo(FrontendType.FLUSH);
        assertThat(FrontendType.of((byte) 'd')).isEqualTo(FrontendType.COPY_DATA);
        assertThat(FrontendType.of((byte) 'c')).isEqualTo(FrontendType.COPY_DONE);
        assertThat(FrontendType.of((byte) 'f')).isEqualTo(FrontendType.COPY_FAIL);
        assertThat(FrontendType.of((byte) 'F')).isEqualTo(FrontendType.FUNCTION_CALL);
        assertThat(FrontendType.of((byte) 'X')).isEqualTo(FrontendType.TERMINATE);
    }

    @Test
    void passwordMessageAfterStartupIsUnexpected() {
        assertThatThrownBy(() -> FrontendType.of((byte) 'p'))
                .isInstanceOf(PgProtocolException.class)
                .hasMessage("unexpected message type 'p' from the client");
    }

    @Test
    void unprintableTypeIsShownInHex() {
        assertThatThrownBy(() -> FrontendType.of((byte) 0xC3)).hasMessageContaining("0xc3");
    }
}
