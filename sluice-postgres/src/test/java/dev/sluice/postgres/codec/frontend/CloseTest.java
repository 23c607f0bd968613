package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloseTest {

    @Test
    void encodesAStatementClose() {
        assertThat(new Close(Close.Target.STATEMENT, "S_1").encode())
                .isEqualTo(of('C', int32(4 + 1 + 4), 'S', "S_1", NUL));
    }

    @Test
    void decodesAPortalClose() throws PgProtocolException {
        assertThat(Close.decode(bodyOf(of('C', int32(7), 'P', "p", NUL))))
                .isEqualTo(new Close(Close.Target.PORTAL, "p"));
    }

    @Test
    void unknownTargetIsAProtocolViolation() {
        assertThatThrownBy(() -> Close.decode(of('X', "p", NUL)))
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("invalid Close target");
    }
}
