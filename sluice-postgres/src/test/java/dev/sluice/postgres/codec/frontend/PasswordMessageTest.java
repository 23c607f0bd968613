package dev.sluice.postgres.codec.frontend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordMessageTest {

    @Test
    void encodesAsTypePWithCString() {
        assertThat(new PasswordMessage("s3cret").encode()).isEqualTo(of('p', int32(11), "s3cret", NUL));
    }

    @Test
    void decodesTheBody() throws PgProtocolException {
        assertThat(PasswordMessage.decode(of("s3cret", NUL))).isEqualTo(new PasswordMessage("s3cret"));
    }

    @Test
    void toStringNeverPrintsThePassword() {
        assertThat(new PasswordMessage("s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void trailingBytesAreAProtocolViolation() {
        assertThatThrownBy(() -> PasswordMessage.decode(of("a", NUL, "b"))).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void unterminatedPasswordIsAProtocolViolation() {
        assertThatThrownBy(() -> PasswordMessage.decode(of("abc"))).isInstanceOf(PgProtocolException.class);
    }
}
