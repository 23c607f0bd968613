package dev.sluice.postgres.masking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code numeric} between its binary form and its text. Binary: int16 ndigits, int16 weight (of the first digit, in
 * base-10000 places), uint16 sign ({@code 0x0000} +, {@code 0x4000} −, {@code 0xC000} NaN, {@code 0xD000} +∞,
 * {@code 0xF000} −∞), int16 dscale (decimal digits after the point shown), then ndigits base-10000 digits.
 */
final class NumericBinary {

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PLUS_INFINITY = 0xD000;
    private static final int MINUS_INFINITY = 0xF000;
    private static final int MAX_DSCALE = 0x3FFF;
    /** PostgreSQL's limit on digits before the decimal point. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final BigInteger BASE = BigInteger.valueOf(10_000);

    private NumericBinary() {
    }

    static String decode(byte[] buf, int off, int len) throws ValueFormatException {
        if (len < 8) {
            throw new ValueFormatException("numeric value too short");
        }
        int ndigits = Bytes.uint16(buf, off);
        int weight = (short) Bytes.uint16(buf, off + 2);
        int sign = Bytes.uint16(buf, off + 4);
        int dscale = Bytes.uint16(buf, off + 6);
        switch (sign) {
            case NAN -> {
                return "NaN";
            }
            case PLUS_INFINITY -> {
                return "Infinity";
            }
            case MINUS_INFINITY -> {
                return "-Infinity";
            }
            case POSITIVE, NEGATIVE -> {
            }
            default -> throw new ValueFormatException("invalid numeric sign");
        }
        if (len != 8 + 2 * ndigits || dscale > MAX_DSCALE) {
            throw new ValueFormatException("invalid numeric length or scale");
        }
        StringBuilder digits = new StringBuilder(ndigits * 4 + 1);
        for (int i = 0; i < ndigits; i++) {
            int digit = Bytes.uint16(buf, off + 8 + 2 * i);
            if (digit > 9999) {
                throw new ValueFormatException("invalid numeric digit");
            }
            String d = Integer.toString(digit);
            digits.repeat('0', 4 - d.length()).append(d);
        }
        // value = digits × 10000^(weight − ndigits + 1)
        BigDecimal value = new BigDecimal(ndigits == 0 ? BigInteger.ZERO : new BigInteger(digits.toString()),
                -4 * (weight - ndigits + 1));
        BigDecimal shown = value.setScale(dscale, RoundingMode.DOWN);
        String text = shown.toPlainString();
        return sign == NEGATIVE && shown.signum() != 0 ? "-" + text : text;
    }

    /** PostgreSQL's numeric input: decimal with optional exponent, NaN and the infinities in any case. */
    static byte[] encode(String text) throws ValueFormatException {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan" -> {
                return special(NAN);
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return special(PLUS_INFINITY);
            }
            case "-infinity", "-inf" -> {
                return special(MINUS_INFINITY);
            }
            default -> {
            }
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new ValueFormatException("not a numeric");
        }
        int dscale = Math.max(0, value.scale());
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS || dscale > MAX_DSCALE) {
            throw new ValueFormatException("numeric scale out of range");
        }
        // align to whole base-10000 places after the point
        int fractionPlaces = (dscale + 3) / 4;
        BigInteger scaled = value.abs().setScale(fractionPlaces * 4, RoundingMode.UNNECESSARY).unscaledValue();
        int[] groups = new int[scaled.bitLength() / 13 + 2]; // least significant first
        int count = 0;
        while (scaled.signum() > 0) {
            BigInteger[] qr = scaled.divideAndRemainder(BASE);
            groups[count++] = qr[1].intValue();
            scaled = qr[0];
        }
        int low = 0;
        while (low < count && groups[low] == 0) {
            low++; // trailing zero digits are not stored
        }
        int ndigits = count - low;
        int weight = ndigits == 0 ? 0 : count - 1 - fractionPlaces;
        if (weight > Short.MAX_VALUE || weight < Short.MIN_VALUE) {
            throw new ValueFormatException("numeric out of range");
        }
        byte[] out = new byte[8 + 2 * ndigits];
        Bytes.putInt16(out, 0, ndigits);
        Bytes.putInt16(out, 2, weight);
        Bytes.putInt16(out, 4, value.signum() < 0 && ndigits > 0 ? NEGATIVE : POSITIVE);
        Bytes.putInt16(out, 6, dscale);
        for (int i = 0; i < ndigits; i++) {
            Bytes.putInt16(out, 8 + 2 * i, groups[count - 1 - i]);
        }
        return out;
    }

    /**
     * NaN and the infinities as numeric_send writes them: its dscale is read from the special header as if it were
     * a short-format one, which gives 0 for NaN and 32 for ±Infinity. Receivers ignore it; it is copied for
     * byte-exact output.
     */
    private static byte[] special(int sign) {
        byte[] out = new byte[8];
        Bytes.putInt16(out, 4, sign);
        Bytes.putInt16(out, 6, (sign & 0x1F80) >> 7);
        return out;
    }
}
