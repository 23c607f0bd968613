package dev.sluice.postgres.codec;

import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.int16;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyReaderTest {

    @Test
    void readsBigEndianFieldsInOrder() throws PgProtocolException {
        BodyReader reader = new BodyReader(of(7, int16(-2), int32(0x01020304), "ab", 0, "rest"));
        assertThat(reader.int8()).isEqualTo(7);
        assertThat(reader.int16()).isEqualTo(-2);
        assertThat(reader.int32()).isEqualTo(0x01020304);
        assertThat(reader.cstring()).isEqualTo("ab");
        assertThat(reader.remaining()).isEqualTo(4);
        assertThat(reader.rest()).isEqualTo(of("rest"));
        assertThat(reader.atEnd()).isTrue();
    }

    @Test
    void int8IsUnsigned() throws PgProtocolException {
        assertThat(new BodyReader(of(0xFF)).int8()).isEqualTo(255);
    }

    @Test
    void shortFieldsAreTruncationNotIndexErrors() {
        assertThatThrownBy(() -> new BodyReader(of(1)).int16()).isInstanceOf(PgProtocolException.class);
        assertThatThrownBy(() -> new BodyReader(of(1, 2, 3)).int32()).isInstanceOf(PgProtocolException.class);
        assertThatThrownBy(() -> new BodyReader(new byte[0]).int8()).isInstanceOf(PgProtocolException.class);
        assertThatThrownBy(() -> new BodyReader(of(1, 2)).bytes(3)).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void negativeByteCountIsAViolation() {
        assertThatThrownBy(() -> new BodyReader(of(1, 2)).bytes(-1))
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("negative length");
    }

    @Test
    void unterminatedStringIsAViolation() {
        assertThatThrownBy(() -> new BodyReader(of("abc")).cstring())
                .isInstanceOf(PgProtocolException.class)
                .hasMessageContaining("unterminated");
    }

    @Test
    void emptyStringIsJustItsTerminator() throws PgProtocolException {
        BodyReader reader = new BodyReader(of(0));
        assertThat(reader.cstring()).isEmpty();
        assertThat(reader.atEnd()).isTrue();
    }

    @Test
    void expectEndNamesTheMessageAndTheTrailingByteCount() throws PgProtocolException {
        BodyReader reader = new BodyReader(of(1, 2, 3));
        reader.int8();
        assertThatThrownBy(() -> reader.expectEnd("Sync"))
                .isInstanceOf(PgProtocolException.class)
                .hasMessage("Sync has 2 unexpected trailing bytes");
    }
}
