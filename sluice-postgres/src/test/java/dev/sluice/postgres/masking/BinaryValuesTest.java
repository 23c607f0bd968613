package dev.sluice.postgres.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryValuesTest {

    private static final ValueContext UTC = ValueContext.DEFAULT;

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String decode(PgType type, String hex) throws ValueFormatException {
        return BinaryValues.decode(type.oid(), hex(hex), UTC);
    }

    @Test
    void integersBooleansAndUuids() throws Exception {
        assertThat(decode(PgType.INT2, "ff85")).isEqualTo("-123");
        assertThat(decode(PgType.INT4, "0000002a")).isEqualTo("42");
        assertThat(decode(PgType.INT8, "8000000000000000")).isEqualTo("-9223372036854775808");
        assertThat(decode(PgType.BOOL, "01")).isEqualTo("t");
        assertThat(decode(PgType.BOOL, "00")).isEqualTo("f");
        assertThat(decode(PgType.UUID, "a0eebc999c0b4ef8bb6d6bb9bd380a11"))
                .isEqualTo("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(BinaryValues.encode(PgType.UUID.oid(), "{A0EEBC99-9C0B4EF8-BB6D6BB9-BD380A11}", UTC))
                .isEqualTo(hex("a0eebc999c0b4ef8bb6d6bb9bd380a11"));
        assertThat(BinaryValues.encode(PgType.INT2.oid(), " -123 ", UTC)).isEqualTo(hex("ff85"));
    }

    @Test
    void numericUsesBaseTenThousandDigitsWeightSignAndScale() throws Exception {
        // 12345.678: digits 1 2345 6780, weight 1, dscale 3
        byte[] binary = hex("0003 0001 0000 0003 0001 0929 1a7c");
        assertThat(BinaryValues.decode(PgType.NUMERIC.oid(), binary, UTC)).isEqualTo("12345.678");
        assertThat(BinaryValues.encode(PgType.NUMERIC.oid(), "12345.678", UTC)).isEqualTo(binary);
        assertThat(BinaryValues.encode(PgType.NUMERIC.oid(), "0.00", UTC)).isEqualTo(hex("0000 0000 0000 0002"));
        assertThat(BinaryValues.encode(PgType.NUMERIC.oid(), "-0.0001", UTC))
                .isEqualTo(hex("0001 ffff 4000 0004 0001"));
        assertThat(BinaryValues.decode(PgType.NUMERIC.oid(), hex("0001 ffff 4000 0004 0001"), UTC))
                .isEqualTo("-0.0001");
        assertThat(BinaryValues.encode(PgType.NUMERIC.oid(), "1e8", UTC)).isEqualTo(hex("0001 0002 0000 0000 0001"));
        assertThatThrownBy(() -> BinaryValues.encode(PgType.NUMERIC.oid(), "1e999999999", UTC))
                .isInstanceOf(ValueFormatException.class);
        assertThat(decode(PgType.NUMERIC, "0000 0000 c000 0000")).isEqualTo("NaN");
        assertThat(decode(PgType.NUMERIC, "0000 0000 d000 0000")).isEqualTo("Infinity");
        assertThat(decode(PgType.NUMERIC, "0000 0000 f000 0000")).isEqualTo("-Infinity");
        assertThat(BinaryValues.encode(PgType.NUMERIC.oid(), "-infinity", UTC)).isEqualTo(hex("0000 0000 f000 0020"));
    }

    @ParameterizedTest
    @CsvSource({
            "1.0, 1", "0.1, 0.1", "-2.5, -2.5", "100.0, 100", "1.0E-4, 0.0001", "1.0E-5, 1e-05",
            "1.0E14, 100000000000000", "1.0E15, 1e+15", "1.2345E20, 1.2345e+20", "4.9E-324, 5e-324",
            "1.7976931348623157E308, 1.7976931348623157e+308", "0.30000000000000004, 0.30000000000000004"})
    void float8TextIsTheShortestRoundTripInPostgresLayout(double value, String expected) {
        assertThat(FloatText.float8(value)).isEqualTo(expected);
    }

    @Test
    void floatSpecials() throws Exception {
        assertThat(FloatText.float8(Double.NaN)).isEqualTo("NaN");
        assertThat(FloatText.float8(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(FloatText.float8(-0.0)).isEqualTo("-0");
        assertThat(FloatText.float4(1.0e6f)).isEqualTo("1e+06");
        assertThat(FloatText.float4(123456f)).isEqualTo("123456");
        assertThat(FloatText.float4(0.1f)).isEqualTo("0.1");
        assertThat(FloatText.parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> FloatText.parse("1d")).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> BinaryValues.encode(PgType.FLOAT4.oid(), "1e40", UTC))
                .isInstanceOf(ValueFormatException.class);
    }

    @Test
    void datesAndTimestampsInIsoWithEraAndInfinity() throws Exception {
        assertThat(DateTimeText.date(0)).isEqualTo("2000-01-01");
        assertThat(DateTimeText.date(-730119)).isEqualTo("0001-01-01");
        assertThat(DateTimeText.date(-730120)).isEqualTo("0001-12-31 BC");
        assertThat(DateTimeText.date(Integer.MAX_VALUE)).isEqualTo("infinity");
        assertThat(DateTimeText.timestamp(1_500_000L)).isEqualTo("2000-01-01 00:00:01.5");
        assertThat(DateTimeText.timestamp(-1L)).isEqualTo("1999-12-31 23:59:59.999999");
        assertThat(DateTimeText.timestamp(Long.MIN_VALUE)).isEqualTo("-infinity");
        assertThat(DateTimeText.time(DateTimeText.MICROS_PER_DAY)).isEqualTo("24:00:00");
        assertThat(DateTimeText.timestamptz(0, ZoneId.of("Asia/Kolkata")))
                .isEqualTo("2000-01-01 05:30:00+05:30");
        assertThat(DateTimeText.parseDate("0001-12-31 BC")).isEqualTo(-730120);
        assertThat(DateTimeText.parseTimestamp("1999-12-31 23:59:59.999999", UTC.timeZone(), false)).isEqualTo(-1L);
        assertThat(DateTimeText.parseTimestamp("2000-01-01 05:30:00+05:30", UTC.timeZone(), true)).isZero();
        assertThatThrownBy(() -> DateTimeText.parseDate("0000-01-01")).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DateTimeText.parseDate("2021-02-29")).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> DateTimeText.parseDate("1980")).isInstanceOf(ValueFormatException.class);
    }

    @Test
    void charFollowsCharoutAndCharin() throws Exception {
        assertThat(decode(PgType.CHAR, "41")).isEqualTo("A");
        assertThat(decode(PgType.CHAR, "00")).isEmpty();
        assertThat(decode(PgType.CHAR, "e9")).isEqualTo("\\351");
        assertThat(BinaryValues.encode(PgType.CHAR.oid(), "\\351", UTC)).isEqualTo(hex("e9"));
        assertThat(BinaryValues.encode(PgType.CHAR.oid(), "XYZ", UTC)).isEqualTo(hex("58"));
    }

    @Test
    void jsonbCarriesAVersionByte() throws Exception {
        assertThat(decode(PgType.JSONB, "01 7b7d")).isEqualTo("{}");
        assertThatThrownBy(() -> decode(PgType.JSONB, "02 7b7d")).isInstanceOf(ValueFormatException.class);
        assertThat(BinaryValues.encode(PgType.JSONB.oid(), "[1]", UTC)).isEqualTo(hex("01 5b315d"));
    }

    @Test
    void textArraysQuoteWhatArrayOutQuotes() throws Exception {
        List<String> elements = Arrays.asList("plain", "", "NULL", "a b", "q\"b\\s", "{}", null, "ü", "x,y", "\u000B");
        String literal = ArrayText.format(ArrayShape.oneDimensional(elements.size()), elements);
        assertThat(literal).isEqualTo("{plain,\"\",\"NULL\",\"a b\",\"q\\\"b\\\\s\",\"{}\",NULL,ü,\"x,y\",\"\u000B\"}");
        ArrayText.Parsed parsed = ArrayText.parse(literal);
        assertThat(parsed.elements()).isEqualTo(elements);
        byte[] binary = BinaryValues.encode(PgType.TEXT.arrayOid(), literal, UTC);
        assertThat(BinaryValues.decode(PgType.TEXT.arrayOid(), binary, UTC)).isEqualTo(literal);
    }

    @Test
    void multiDimensionalArraysAndLowerBounds() throws Exception {
        String literal = "[0:1][1:2]={{1,2},{3,NULL}}";
        byte[] binary = BinaryValues.encode(PgType.INT4.arrayOid(), literal, UTC);
        assertThat(BinaryValues.decode(PgType.INT4.arrayOid(), binary, UTC)).isEqualTo(literal);
        assertThat(BinaryValues.decode(PgType.INT4.arrayOid(),
                BinaryValues.encode(PgType.INT4.arrayOid(), "{}", UTC), UTC)).isEqualTo("{}");
        assertThatThrownBy(() -> ArrayText.parse("{{1,2},{3}}")).isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> ArrayText.parse("{1,2")).isInstanceOf(ValueFormatException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00", "0000002a00", "ffffffff"})
    void malformedBinaryIsAnErrorNotAGuess(String hexValue) {
        assertThatThrownBy(() -> BinaryValues.decode(PgType.INT8.oid(), hex(hexValue), UTC))
                .isInstanceOf(ValueFormatException.class);
    }

    @Test
    void opaqueTypesAreRefused() {
        assertThatThrownBy(() -> BinaryValues.decode(16_500, new byte[4], UTC))
                .isInstanceOf(ValueFormatException.class).hasMessageContaining("oid 16500");
        assertThatThrownBy(() -> BinaryValues.decode(PgType.BYTEA.oid(), new byte[4], UTC))
                .isInstanceOf(ValueFormatException.class);
        assertThatThrownBy(() -> BinaryValues.encode(PgType.BYTEA.oid(), "\\x00", UTC))
                .isInstanceOf(ValueFormatException.class);
    }

    @Test
    void malformedArraysAreRefused() {
        byte[] liesAboutItsSize = hex("00000001 00000000 00000017 7fffffff 00000001");
        assertThatThrownBy(() -> BinaryValues.decode(PgType.INT4.arrayOid(), liesAboutItsSize, UTC))
                .isInstanceOf(ValueFormatException.class);
        byte[] wrongElementType = hex("00000001 00000000 00000019 00000001 00000001 00000001 41");
        assertThatThrownBy(() -> BinaryValues.decode(PgType.INT4.arrayOid(), wrongElementType, UTC))
                .isInstanceOf(ValueFormatException.class);
    }

    @Test
    void typeTable() {
        assertThat(PgTypes.name(1009)).isEqualTo("_text");
        assertThat(PgTypes.textLike(3807)).isTrue();
        assertThat(PgTypes.carriesNoText(1184)).isTrue();
        assertThat(PgTypes.carriesNoText(17)).isTrue();
        assertThat(PgTypes.opaque(2249)).isTrue();
        assertThat(PgTypes.decodable(17)).isFalse();
        assertThat(PgTypes.scalar(-5)).isNull();
    }
}
