package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecuteTest {

    @Test
    void encodesPortalAndRowLimit() {
        assertThat(new Execute("C_1", 100).encode()).isEqualTo(of('E', int32(4 + 4 + 4), "C_1", NUL, int32(100)));
    }

    @Test
    void decodesTheUnnamedPortalWithoutLimit() throws PgProtocolException {
        assertThat(Execute.decode(bodyOf(of('E', int32(9), NUL, int32(0))))).isEqualTo(new Execute("", 0));
    }

    @Test
    void missingRowLimitIsAProtocolViolation() {
        assertThatThrownBy(() -> Execute.decode(of(NUL, 0, 0))).isInstanceOf(PgProtocolException.class);
    }
}
