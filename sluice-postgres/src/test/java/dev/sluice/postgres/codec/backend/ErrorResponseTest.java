package dev.sluice.postgres.codec.backend;

import dev.sluice.postgres.codec.PgProtocolException;
import org.junit.jupiter.api.Test;

import static dev.sluice.postgres.codec.SpecBytes.NUL;
import static dev.sluice.postgres.codec.SpecBytes.bodyOf;
import static dev.sluice.postgres.codec.SpecBytes.int32;
import static dev.sluice.postgres.codec.SpecBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ErrorResponse, NoticeResponse and their shared field list. */
class ErrorResponseTest {

    // Each field: code byte + C string; a zero byte ends the list.
    private static final byte[] DENIED = of('E', int32(4 + 7 + 7 + 7 + 19 + 1),
            'S', "ERROR", NUL, 'V', "ERROR", NUL, 'C', "42501", NUL, 'M', "permission denied", NUL, NUL);

    @Test
    void ofSetsSeverityNonLocalisedSeveritySqlStateAndMessageInWireOrder() {
        assertThat(new ErrorResponse(ErrorFields.of("ERROR", "42501", "permission denied")).encode())
                .isEqualTo(DENIED);
    }

    @Test
    void decodesFieldsAndAccessors() throws PgProtocolException {
        ErrorResponse decoded = ErrorResponse.decode(bodyOf(DENIED));

        assertThat(decoded.fields().severity()).isEqualTo("ERROR");
        assertThat(decoded.fields().sqlState()).isEqualTo("42501");
        assertThat(decoded.fields().message()).isEqualTo("permission denied");
        assertThat(decoded.fields().detail()).isNull();
        assertThat(decoded.fields().hint()).isNull();
        assertThat(decoded).isEqualTo(ErrorResponse.of("42501", "permission denied"));
    }

    @Test
    void detailAndHintAreAppendedAfterTheMessage() {
        ErrorFields fields = ErrorFields.of("ERROR", "42501", "m").withDetail("d").withHint("h");

        assertThat(fields.fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'D', 'H');
        assertThat(fields.detail()).isEqualTo("d");
        assertThat(fields.hint()).isEqualTo("h");
    }

    @Test
    void replacingAFieldKeepsItsPosition() {
        ErrorFields fields = ErrorFields.of("ERROR", "23505", "old").withDetail("d").withMessage("new");

        assertThat(fields.fields().keySet()).containsExactly('S', 'V', 'C', 'M', 'D');
        assertThat(fields.message()).isEqualTo("new");
    }

    @Test
    void noticeUsesTypeN() throws PgProtocolException {
        byte[] wire = of('N', int32(4 + 9 + 7 + 4 + 1), 'S', "WARNING", NUL, 'C', "01000", NUL, 'M', "hm", NUL, NUL);
        NoticeResponse decoded = NoticeResponse.decode(bodyOf(wire));

        assertThat(decoded.fields().severity()).isEqualTo("WARNING");
        assertThat(decoded.encode()).isEqualTo(wire);
    }

    @Test
    void unknownFieldCodesSurviveARoundTrip() throws PgProtocolException {
        byte[] wire = of('E', int32(4 + 7 + 7 + 4 + 6 + 1), 'S', "FATAL", NUL, 'C', "28P01", NUL, 'M', "no", NUL,
                'Z', "zzzz", NUL, NUL);

        assertThat(ErrorResponse.decode(bodyOf(wire)).encode()).isEqualTo(wire);
    }

    @Test
    void toStringLeavesTextsOut() {
        ErrorFields fields = ErrorFields.of("ERROR", "23505", "duplicate key")
                .withDetail("Key (ssn)=(123-45-6789) already exists.");

        assertThat(fields.toString()).contains("23505").doesNotContain("123-45-6789").doesNotContain("duplicate");
        assertThat(new ErrorResponse(fields).toString()).doesNotContain("123-45-6789");
    }

    @Test
    void missingListTerminatorIsAProtocolViolation() {
        assertThatThrownBy(() -> ErrorFields.decode(of('S', "ERROR", NUL))).isInstanceOf(PgProtocolException.class);
    }

    @Test
    void bytesAfterTheTerminatorAreAProtocolViolation() {
        assertThatThrownBy(() -> ErrorFields.decode(of('S', "ERROR", NUL, NUL, 'x')))
                .isInstanceOf(PgProtocolException.class);
    }

    @Test
    void onlyEAndNAreValidTypes() {
        assertThatThrownBy(() -> ErrorFields.of("ERROR", "XX000", "x").encode('Q'))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
