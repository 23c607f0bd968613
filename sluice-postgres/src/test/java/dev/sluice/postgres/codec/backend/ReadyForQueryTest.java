package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.PgProtocolException;
import dev.sluice.postgres.codec.backend.ReadyForQuery.TransactionStatus;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadyForQueryTest {

    @Test
    void idleIsZWithI() throws PgProtocolException {
        assertThat(ReadyForQuery.IDLE.encode()).isEqualTo(of('Z', int32(5), 'I'));
        assertThat(ReadyForQuery.decode(of('I'))).isEqualTo(ReadyForQuery.IDLE);
    }

    @Test
    void inTransactionAndFailedUseTAndE() throws PgProtocolException {
        assertThat(new ReadyForQuery(TransactionStatus.IN_TRANSACTION).encode()).isEqualTo(of('Z', int32(5), 'T'));
        assertThat(new ReadyForQuery(TransactionStatus.FAILED).encode()).isEqualTo(of('Z', int32(5), 'E'));
        assertThat(ReadyForQuery.decode(of('T')).status()).isEqualTo(TransactionStatus.IN_TRANSACTION);
        assertThat(ReadyForQuery.decode(of('E')).status()).isEqualTo(TransactionStatus.FAILED);
    }

    @Test
    void unknownStatusIsAProtocolViolation() {
        assertThatThrownBy(() -> ReadyForQuery.decode(of('X')))
                .isInstanceOf(PgProtocolException.class)
                .extracting(e -> ((PgProtocolException) e).sqlState()).isEqualTo("08P01");
    }

    @Test
    void emptyOrLongBodyIsAProtocolViolation() {
        assertThatThrownBy(() -> ReadyForQuery.decode(new byte[0])).isInstanceOf(PgProtocolException.class);
        assertThatThrownBy(() -> ReadyForQuery.decode(of('I', 'I'))).isInstanceOf(PgProtocolException.class);
    }
}
