package dev.sluice.core.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redact, partial and null: the strategies without a key. */
class SimpleStrategiesTest {

    @Test
    void redactReplacesTheWholeValueByItsMarker() {
        assertThat(Redact.DEFAULT.mask("123-45-6789", ValueKind.TEXT)).isEqualTo("***");
        assertThat(new Redact("[SSN]").mask("123-45-6789", ValueKind.TEXT)).isEqualTo("[SSN]");
    }

    @Test
    void redactOfATypedValueIsTextSoTheColumnMustBecomeText() {
        assertThat(Redact.DEFAULT.fits(ValueKind.DATE)).isFalse();
        assertThat(Redact.DEFAULT.fits(ValueKind.INTEGER)).isFalse();
        assertThat(Redact.DEFAULT.mask("1980-05-17", ValueKind.DATE)).isEqualTo("***");
    }

    @Test
    void aWholeJsonValueBecomesAJsonString() {
        assertThat(new Redact("[PLAN]").mask("{\"member_id\":\"X1\"}", ValueKind.JSON)).isEqualTo("\"[PLAN]\"");
        assertThat(Redact.DEFAULT.fits(ValueKind.JSON)).isTrue();
        assertThat(Partial.keepLast(4).mask("{\"a\":\"123456789\"}", ValueKind.JSON)).isEqualTo("\"***\"");
        assertThat(new Redact("say \"no\"").mask("{}", ValueKind.JSON)).isEqualTo("\"say \\\"no\\\"\"");
    }

    @Test
    void nullStaysNullWhateverTheStrategy() {
        assertThat(Redact.DEFAULT.mask(null, ValueKind.TEXT)).isNull();
        assertThat(Partial.keepLast(4).mask(null, ValueKind.TEXT)).isNull();
    }

    @ParameterizedTest
    @EnumSource(ValueKind.class)
    void nullStrategyGivesNullForEveryKindAndFitsEveryKind(ValueKind kind) {
        assertThat(NullValue.INSTANCE.mask("anything", kind)).isNull();
        assertThat(NullValue.INSTANCE.fits(kind)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "123-45-6789 | 0 | 4 | ***-**-6789",
            "123456789   | 0 | 4 | *****6789",
            "4111 1111 1111 1234 | 0 | 4 | **** **** **** 1234",
            "john.doe@example.com | 2 | 0 | jo**.***@*******.***",
            "(617) 555-0123 | 3 | 2 | (617) ***-**23",
    })
    void partialKeepsTheFirstAndLastCharactersAndTheSeparators(String value, int first, int last, String masked) {
        assertThat(new Partial(first, last, '*', true).mask(value, ValueKind.TEXT)).isEqualTo(masked);
    }

    @Test
    void partialWithoutSeparatorsMasksEveryCharacter() {
        assertThat(new Partial(0, 4, '#', false).mask("123-45-6789", ValueKind.TEXT)).isEqualTo("#######6789");
    }

    @Test
    void partialNeverRevealsHalfOfAValue() {
        assertThat(Partial.keepLast(4).mask("12345", ValueKind.TEXT)).isEqualTo("*****");
        assertThat(Partial.keepLast(4).mask("1234-567", ValueKind.TEXT)).isEqualTo("****-***");
        assertThat(Partial.keepLast(4).mask("12345678", ValueKind.TEXT)).isEqualTo("****5678");
    }

    @Test
    void partialCountsCharactersNotUtf16Units() {
        assertThat(new Partial(1, 0, '*', true).mask("𝒜bcdef", ValueKind.TEXT)).isEqualTo("𝒜*****");
    }

    @Test
    void partialOfANumberIsTextSoTheColumnMustBecomeText() {
        assertThat(Partial.keepLast(4).fits(ValueKind.INTEGER)).isFalse();
        assertThat(Partial.keepLast(4).mask("123456789", ValueKind.INTEGER)).isEqualTo("*****6789");
    }

    @Test
    void partialRefusesAbsurdLengths() {
        assertThatThrownBy(() -> new Partial(-1, 4, '*', true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Partial(0, 4000, '*', true)).isInstanceOf(IllegalArgumentException.class);
    }
}
