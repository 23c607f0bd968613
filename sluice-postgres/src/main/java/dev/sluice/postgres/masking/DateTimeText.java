package dev.sluice.postgres.masking;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * PostgreSQL's date and time values between their binary form (days or microseconds since 2000-01-01, the
 * microseconds of a day) and their text with {@code DateStyle = ISO}: {@code 2020-02-29}, {@code 0044-03-15 BC},
 * {@code 2020-02-29 13:45:00.5}, {@code 2020-02-29 13:45:00+01}, {@code infinity}. The calendar is the proleptic
 * Gregorian one, as in PostgreSQL (and {@link LocalDate}); year 0 is 1 BC.
 */
final class DateTimeText {

    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    /** 2000-01-01 as a {@link LocalDate} epoch day. */
    static final long PG_EPOCH_DAY = 10_957L;
    static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400L;

    /** DATEVAL_NOBEGIN / DATEVAL_NOEND and their timestamp counterparts. */
    static final int DATE_MINUS_INFINITY = Integer.MIN_VALUE;
    static final int DATE_INFINITY = Integer.MAX_VALUE;
    static final long TIMESTAMP_MINUS_INFINITY = Long.MIN_VALUE;
    static final long TIMESTAMP_INFINITY = Long.MAX_VALUE;

    /** The valid ranges: 4714-11-24 BC up to (not including) 5874898-01-01 for dates, 294277-01-01 for timestamps. */
    private static final long MIN_DATE_DAYS = -2_451_545L;
    private static final long END_DATE_DAYS = 2_145_031_949L;
    private static final long MIN_TIMESTAMP = -211_813_488_000_000_000L;
    private static final long END_TIMESTAMP = 9_223_371_331_200_000_000L;

    private DateTimeText() {
    }

    // ---- binary → text ----------------------------------------------------------------------------------------

    static String date(int days) {
        if (days == DATE_INFINITY) {
            return "infinity";
        }
        if (days == DATE_MINUS_INFINITY) {
            return "-infinity";
        }
        LocalDate date = LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
        StringBuilder out = new StringBuilder(16);
        appendDate(out, date);
        return appendEra(out, date.getYear()).toString();
    }

    static String time(long micros) {
        StringBuilder out = new StringBuilder(15);
        appendTime(out, micros);
        return out.toString();
    }

    static String timestamp(long micros) {
        if (micros == TIMESTAMP_INFINITY) {
            return "infinity";
        }
        if (micros == TIMESTAMP_MINUS_INFINITY) {
            return "-infinity";
        }
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
        StringBuilder out = new StringBuilder(32);
        appendDate(out, date);
        out.append(' ');
        appendTime(out, Math.floorMod(micros, MICROS_PER_DAY));
        return appendEra(out, date.getYear()).toString();
    }

    static String timestamptz(long micros, ZoneId zone) {
        if (micros == TIMESTAMP_INFINITY) {
            return "infinity";
        }
        if (micros == TIMESTAMP_MINUS_INFINITY) {
            return "-infinity";
        }
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        long fraction = Math.floorMod(micros, MICROS_PER_SECOND);
        ZonedDateTime local = Instant.ofEpochSecond(PG_EPOCH_SECOND + seconds, fraction * 1000).atZone(zone);
        LocalDateTime wall = local.toLocalDateTime();
        StringBuilder out = new StringBuilder(40);
        appendDate(out, wall.toLocalDate());
        out.append(' ');
        appendTime(out, wall.toLocalTime().toNanoOfDay() / 1000);
        appendOffset(out, local.getOffset().getTotalSeconds());
        return appendEra(out, wall.getYear()).toString();
    }

    private static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        int shown = year > 0 ? year : 1 - year;
        pad(out, shown, 4);
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
    }

    private static StringBuilder appendEra(StringBuilder out, int year) {
        return year > 0 ? out : out.append(" BC");
    }

    private static void appendTime(StringBuilder out, long micros) {
        long seconds = micros / MICROS_PER_SECOND;
        long fraction = micros % MICROS_PER_SECOND;
        pad(out, seconds / 3600, 2);
        out.append(':');
        pad(out, seconds / 60 % 60, 2);
        out.append(':');
        pad(out, seconds % 60, 2);
        if (fraction != 0) {
            out.append('.');
            String digits = Long.toString(fraction + MICROS_PER_SECOND).substring(1); // six digits, zero-padded
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append(digits, 0, end);
        }
    }

    /** {@code +01}, {@code -03:30}, {@code +00:53:28}: minutes and seconds only when not zero. */
    private static void appendOffset(StringBuilder out, int offsetSeconds) {
        int magnitude = Math.abs(offsetSeconds);
        out.append(offsetSeconds < 0 ? '-' : '+');
        pad(out, magnitude / 3600, 2);
        int minutes = magnitude / 60 % 60;
        int seconds = magnitude % 60;
        if (minutes != 0 || seconds != 0) {
            out.append(':');
            pad(out, minutes, 2);
        }
        if (seconds != 0) {
            out.append(':');
            pad(out, seconds, 2);
        }
    }

    private static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    // ---- text → binary ----------------------------------------------------------------------------------------

    static int parseDate(String text) throws ValueFormatException {
        String s = text.strip();
        if (s.equalsIgnoreCase("infinity") || s.equalsIgnoreCase("+infinity")) {
            return DATE_INFINITY;
        }
        if (s.equalsIgnoreCase("-infinity")) {
            return DATE_MINUS_INFINITY;
        }
        Cursor c = new Cursor(s);
        LocalDate date = c.date();
        c.era(date);
        LocalDate dated = c.bc ? date.withYear(1 - date.getYear()) : date;
        c.end();
        long days = dated.toEpochDay() - PG_EPOCH_DAY;
        if (days < MIN_DATE_DAYS || days >= END_DATE_DAYS) {
            throw new ValueFormatException("date out of range");
        }
        return (int) days;
    }

    static long parseTime(String text) throws ValueFormatException {
        Cursor c = new Cursor(text.strip());
        long micros = c.time(true);
        c.end();
        return micros;
    }

    static long parseTimestamp(String text, ZoneId zone, boolean withZone) throws ValueFormatException {
        String s = text.strip();
        if (s.equalsIgnoreCase("infinity") || s.equalsIgnoreCase("+infinity")) {
            return TIMESTAMP_INFINITY;
        }
        if (s.equalsIgnoreCase("-infinity")) {
            return TIMESTAMP_MINUS_INFINITY;
        }
        Cursor c = new Cursor(s);
        LocalDate date = c.date();
        long timeOfDay = 0;
        if (c.at(' ') || c.at('T')) {
            c.pos++;
            timeOfDay = c.time(false);
        }
        Integer offset = c.offset();
        c.era(date);
        c.end();
        if (c.bc) {
            date = date.withYear(1 - date.getYear());
        }
        long micros;
        try {
            if (withZone) {
                LocalDateTime wall = date.atStartOfDay().plusNanos(timeOfDay * 1000);
                ZoneOffset zoneOffset = offset != null ? ZoneOffset.ofTotalSeconds(offset)
                        : zone.getRules().getOffset(wall);
                long seconds = wall.toEpochSecond(zoneOffset) - PG_EPOCH_SECOND;
                micros = Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), timeOfDay % MICROS_PER_SECOND);
            } else {
                // a zone written after a timestamp without time zone is ignored, as PostgreSQL does
                micros = Math.addExact(Math.multiplyExact(date.toEpochDay() - PG_EPOCH_DAY, MICROS_PER_DAY), timeOfDay);
            }
        } catch (ArithmeticException | DateTimeException e) {
            throw new ValueFormatException("timestamp out of range");
        }
        if (micros < MIN_TIMESTAMP || micros >= END_TIMESTAMP) {
            throw new ValueFormatException("timestamp out of range");
        }
        return micros;
    }

    /** A hand-written reader for the ISO forms (no regex: it runs once per rewritten value). */
    private static final class Cursor {
        private final String s;
        private int pos;
        private boolean bc;

        Cursor(String s) {
            this.s = s;
        }

        boolean at(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        void expect(char c) throws ValueFormatException {
            if (!at(c)) {
                throw new ValueFormatException("unexpected character in date/time");
            }
            pos++;
        }

        int digits(int min, int max) throws ValueFormatException {
            int start = pos;
            long value = 0;
            while (pos < s.length() && pos - start < max && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                value = value * 10 + (s.charAt(pos) - '0');
                pos++;
            }
            if (pos - start < min) {
                throw new ValueFormatException("digits expected in date/time");
            }
            return (int) value;
        }

        LocalDate date() throws ValueFormatException {
            int year = digits(1, 9);
            expect('-');
            int month = digits(1, 2);
            expect('-');
            int day = digits(1, 2);
            try {
                return LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                throw new ValueFormatException("invalid date");
            }
        }

        /** {@code HH:MM[:SS[.ffffff]]}; 24:00:00 only for the time type. */
        long time(boolean allow24) throws ValueFormatException {
            int hour = digits(1, 2);
            expect(':');
            int minute = digits(2, 2);
            int second = 0;
            long micros = 0;
            if (at(':')) {
                pos++;
                second = digits(2, 2);
                if (at('.')) {
                    pos++;
                    int start = pos;
                    long fraction = 0;
                    int scale = 0;
                    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                        if (scale < 7) {
                            fraction = fraction * 10 + (s.charAt(pos) - '0');
                            scale++;
                        }
                        pos++;
                    }
                    if (pos == start) {
                        throw new ValueFormatException("fraction digits expected");
                    }
                    while (scale < 7) {
                        fraction *= 10;
                        scale++;
                    }
                    micros = (fraction + 5) / 10; // seven digits → microseconds, rounded half up
                }
            }
            if (minute > 59 || second > 59) {
                throw new ValueFormatException("invalid time");
            }
            long total = ((hour * 60L + minute) * 60 + second) * MICROS_PER_SECOND + micros;
            if (total > MICROS_PER_DAY || (total == MICROS_PER_DAY && !allow24) || hour > 24) {
                throw new ValueFormatException("invalid time");
            }
            return total;
        }

        /** {@code +HH[:MM[:SS]]}, {@code -HHMM} or {@code Z}, in seconds east of UTC; {@code null} when absent. */
        Integer offset() throws ValueFormatException {
            if (at('Z') || at('z')) {
                pos++;
                return 0;
            }
            if (!at('+') && !at('-')) {
                return null;
            }
            int sign = s.charAt(pos) == '-' ? -1 : 1;
            pos++;
            int hours = digits(1, 2);
            int minutes = 0;
            int seconds = 0;
            if (at(':')) {
                pos++;
                minutes = digits(2, 2);
                if (at(':')) {
                    pos++;
                    seconds = digits(2, 2);
                }
            } else if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                minutes = digits(2, 2);
            }
            if (hours > 15 || minutes > 59 || seconds > 59) {
                throw new ValueFormatException("invalid time zone offset");
            }
            return sign * (hours * 3600 + minutes * 60 + seconds);
        }

        void era(LocalDate date) throws ValueFormatException {
            int mark = pos;
            while (at(' ')) {
                pos++;
            }
            if (pos + 2 <= s.length() && s.regionMatches(true, pos, "BC", 0, 2)) {
                pos += 2;
                if (date.getYear() < 1) {
                    throw new ValueFormatException("year 0 with BC");
                }
                bc = true;
            } else if (pos + 2 <= s.length() && s.regionMatches(true, pos, "AD", 0, 2)) {
                pos += 2;
            } else {
                pos = mark;
            }
            if (!bc && date.getYear() < 1) {
                throw new ValueFormatException("year 0 is not a valid year");
            }
        }

        void end() throws ValueFormatException {
            if (pos != s.length()) {
                throw new ValueFormatException("unexpected trailing characters in date/time");
            }
        }
    }
}
