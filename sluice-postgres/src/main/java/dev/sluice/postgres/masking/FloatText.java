package dev.sluice.postgres.masking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * {@code float4}/{@code float8} text as PostgreSQL (12+, {@code extra_float_digits} at its default of 1) prints it:
 * the shortest digits that read back to the same value (Ryu), fixed-point while the decimal exponent is within
 * printf's {@code %g} range ({@code 1e-4 ≤ |v| < 1e15}, {@code 1e6} for float4), otherwise {@code 1.5e+20}.
 */
final class FloatText {

    private FloatText() {
    }

    static String float8(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        double magnitude = Math.abs(v);
        BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal below = new BigDecimal(Math.nextDown(magnitude));
        BigDecimal above = magnitude == Double.MAX_VALUE ? exact.add(exact.subtract(below))
                : new BigDecimal(Math.nextUp(magnitude));
        BigDecimal digits = shortest(new BigDecimal(Double.toString(magnitude)), exact, below, above, 17);
        return format(v < 0 ? digits.negate() : digits, 15);
    }

    static String float4(float v) {
        if (Float.isNaN(v)) {
            return "NaN";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return (Float.floatToRawIntBits(v) < 0) ? "-0" : "0";
        }
        float magnitude = Math.abs(v);
        BigDecimal exact = new BigDecimal(magnitude);
        BigDecimal below = new BigDecimal(Math.nextDown(magnitude));
        BigDecimal above = magnitude == Float.MAX_VALUE ? exact.add(exact.subtract(below))
                : new BigDecimal(Math.nextUp(magnitude));
        BigDecimal digits = shortest(new BigDecimal(Float.toString(magnitude)), exact, below, above, 9);
        return format(v < 0 ? digits.negate() : digits, 6);
    }

    /**
     * The digits Ryu gives, as PostgreSQL builds it: the shortest decimal strictly between the halfway points to the
     * neighbouring values (a decimal exactly halfway is not taken, though it would read back by round-half-even),
     * the closest to the value among those. Java's {@code toString} (JDK 19+) is shortest too but takes the
     * halfway points and never gives fewer than two digits; when its answer is strictly inside and has more than
     * two digits it is the same, otherwise the answer is searched digit count by digit count.
     */
    private static BigDecimal shortest(BigDecimal javaDigits, BigDecimal exact, BigDecimal below, BigDecimal above,
                                       int maxDigits) {
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal low = exact.add(below).divide(two);
        BigDecimal high = exact.add(above).divide(two);
        BigDecimal java = javaDigits.stripTrailingZeros();
        if (java.precision() > 2 && java.compareTo(low) > 0 && java.compareTo(high) < 0) {
            return java;
        }
        for (int precision = 1; precision <= maxDigits; precision++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
                    RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.compareTo(low) > 0 && candidate.compareTo(high) < 0 && (best == null
                        || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
        return java;
    }

    /**
     * Lays the shortest digits out as PostgreSQL does.
     *
     * @param maxFixedExponent the type's DIG: fixed notation while the decimal point sits at most this many digits
     *                         to the right of the first digit
     */
    private static String format(BigDecimal shortest, int maxFixedExponent) {
        BigDecimal exact = shortest.stripTrailingZeros();
        boolean negative = exact.signum() < 0;
        String digits = exact.unscaledValue().abs().toString();
        int pointPosition = digits.length() - exact.scale(); // value = 0.digits × 10^pointPosition
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (negative) {
            out.append('-');
        }
        if (pointPosition > -4 && pointPosition <= maxFixedExponent) {
            if (pointPosition <= 0) {
                out.append("0.");
                out.repeat('0', -pointPosition);
                out.append(digits);
            } else if (pointPosition >= digits.length()) {
                out.append(digits);
                out.repeat('0', pointPosition - digits.length());
            } else {
                out.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, digits.length());
            }
            return out.toString();
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        int exponent = pointPosition - 1;
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    /** PostgreSQL's float input: decimal or exponent notation, NaN and the infinities in any case. */
    static double parse(String text) throws ValueFormatException {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-infinity", "-inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
            }
        }
        if (s.isEmpty()) {
            throw new ValueFormatException("empty float");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
                throw new ValueFormatException("not a float");
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new ValueFormatException("not a float");
        }
    }
}
