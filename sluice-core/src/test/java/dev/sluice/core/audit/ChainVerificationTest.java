package dev.sluice.core.audit;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainVerificationTest {

    @Test
    void anIntactResultHasNoBrokenSeqAndNoProblem() {
        ChainVerification result = ChainVerification.intact(7);

        assertThat(result.intact()).isTrue();
        assertThat(result.firstBrokenSeq()).isEmpty();
        assertThat(result.problem()).isEmpty();
    }

    @Test
    void aBrokenResultMustNameWhereAndWhat() {
        assertThatThrownBy(() -> new ChainVerification(false, 3, OptionalLong.empty(), "hash mismatch"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainVerification(false, 3, OptionalLong.of(4), " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIntactResultCannotCarryAProblem() {
        assertThatThrownBy(() -> new ChainVerification(true, 3, OptionalLong.of(4), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
