package dev.sluice.core.masking;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generalises a date to its year ({@code 1980-05-17} → {@code 1980}), as HIPAA Safe Harbor
 * (45 CFR 164.514(b)(2)(i)(C)) allows for dates related to an individual. The year is text: a {@code date} or
 * {@code timestamp} column masked this way becomes a text column (see {@link ValueKind}); a year stored as a
 * number stays a number.
 *
 * <p>Safe Harbor also requires ages over 89, and the elements of dates that would reveal them, to be aggregated
 * into one "90 or older" category:
 * <ul>
 *   <li>with {@code aggregateOver89} (for dates of birth), a year 90 or more years ago becomes
 *       {@code <=YYYY} with {@code YYYY} = this year − 90 (a number column gets {@code YYYY} itself);</li>
 *   <li>with {@code age} the value is an age in years, not a date: ages over 89 become {@code 90+} ({@code 90} in a
 *       number column), lower ages are kept as they are.</li>
 * </ul>
 * Dates are read from ISO text ({@code 1980-05-17}, {@code 1980-05-17 10:22:01+02}, {@code 1980-05-17T…}), BC dates,
 * and the other PostgreSQL date styles ({@code 05/17/1980}, {@code 17.05.1980}, {@code Sat May 17 00:00:00 1980
 * PST}) by their only four-digit group, or an eight-digit {@code YYYYMMDD}. {@code infinity} stays as it is. Anything
 * else is masked in full.
 */
public record Year(boolean age, boolean aggregateOver89) implements MaskStrategy {

    public static final Year DATE = new Year(false, false);
    public static final Year BIRTH_DATE = new Year(false, true);
    public static final Year AGE = new Year(true, true);

    static final int OLDEST_AGE_SHOWN = 89;
    private static final int MAX_DATE_TEXT = 64;
    private static final Pattern ISO = Pattern.compile("(\\d{4,})-\\d{1,2}-\\d{1,2}(?:[^0-9].*)?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern AGE_NUMBER = Pattern.compile("\\d{1,4}(?:\\.\\d{1,6})?");
    private static final Pattern YEAR_NUMBER = Pattern.compile("-?\\d{1,4}");

    @Override
    public String name() {
        return "year";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return kind == ValueKind.TEXT || kind == ValueKind.JSON || kind.isNumber();
    }

    static int thisYear() {
        return LocalDate.now(ZoneOffset.UTC).getYear();
    }

    /** The generalised value, or null when {@code value} is not what this strategy expects. */
    String apply(String value, ValueKind kind, int thisYear) {
        String text = value.strip();
        if (age) {
            return ageOf(text, kind);
        }
        int cutoff = thisYear - (OLDEST_AGE_SHOWN + 1);
        if (kind.isNumber()) {
            if (!YEAR_NUMBER.matcher(text).matches()) {
                return null;
            }
            int year = Integer.parseInt(text);
            return String.valueOf(aggregateOver89 && year <= cutoff ? cutoff : year);
        }
        if (text.equals("infinity") || text.equals("-infinity")) {
            return text;
        }
        if (text.length() > MAX_DATE_TEXT) {
            return null;
        }
        String year = yearOf(text);
        if (year == null) {
            return null;
        }
        boolean bc = text.endsWith(" BC");
        if (aggregateOver89 && (bc || Integer.parseInt(year) <= cutoff)) {
            return "<=" + cutoff;
        }
        return bc ? year + " BC" : year;
    }

    private static String ageOf(String text, ValueKind kind) {
        if (!AGE_NUMBER.matcher(text).matches()) {
            return null;
        }
        if (new BigDecimal(text).compareTo(BigDecimal.valueOf(OLDEST_AGE_SHOWN)) <= 0) {
            return text;
        }
        return kind.isNumber() ? String.valueOf(OLDEST_AGE_SHOWN + 1) : (OLDEST_AGE_SHOWN + 1) + "+";
    }

    /** The year's digits as written, or null when the text does not show exactly one year. */
    private static String yearOf(String text) {
        Matcher iso = ISO.matcher(text);
        if (iso.matches()) {
            String year = iso.group(1);
            return year.length() == 4 ? year : null;
        }
        String found = null;
        String yyyymmdd = null;
        Matcher digits = DIGITS.matcher(text);
        while (digits.find()) {
            String run = digits.group();
            if (run.length() == 4) {
                if (found != null) {
                    return null; // two candidates: not a date we can read with certainty
                }
                found = run;
            } else if (run.length() == 8) {
                int month = Integer.parseInt(run.substring(4, 6));
                yyyymmdd = month >= 1 && month <= 12 ? run.substring(0, 4) : null;
            }
        }
        return found != null ? found : yyyymmdd;
    }
}
