package dev.sluice.core.phi;

import java.util.Set;

/**
 * Dates in the forms people and systems write them: ISO {@code 2021-03-04} (and {@code 2021/03/04}), US
 * {@code 3/4/2021}, {@code 03-04-21}, day-first when the first number cannot be a month ({@code 24.12.2021}),
 * {@code March 4, 2021}, {@code Mar. 4th 2021}, {@code 4 March 2021}, {@code 04-Mar-2021}, {@code March 2021},
 * {@code 03/2021} and {@code March 4}. Years run 1800–2199. A date-of-birth cue ("DOB", "born") raises the
 * confidence; a bare two-digit-year or month-and-year date is reported with less.
 */
final class DateDetector implements Detector {

    private static final ContextWords BIRTH = ContextWords.of("dob", "date of birth", "birth date", "birthdate",
            "born", "birthday", "d o b", "birth", "bday", "b day");
    private static final ContextWords DATE_CUE = ContextWords.of("date", "dated", "on", "admitted", "discharged",
            "dos", "visit", "seen", "since", "from", "until", "through", "admission", "discharge", "deceased", "died",
            "death", "expired", "surgery", "procedure", "collected", "received", "service");
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.DATE);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        // Dates start either with a number (digit tokens) or with a month name (capitalised tokens): walk both lists
        // in text order.
        int d = 0;
        int c = 0;
        int next = 0;
        int digits = t.digitTokenCount();
        int capitals = t.capitalTokenCount();
        while (d < digits || c < capitals) {
            int i;
            boolean numeric;
            if (c >= capitals || d < digits && t.digitToken(d) < t.capitalToken(c)) {
                i = t.digitToken(d++);
                numeric = true;
            } else {
                i = t.capitalToken(c++);
                numeric = false;
            }
            if (i < next) {
                continue;
            }
            long found;
            if (numeric) {
                found = (t.flags(i) & ScanText.LETTER) == 0 ? numeric(t, i) : 0;
                if (found == 0) {
                    found = dayFirst(t, i);
                }
            } else {
                found = monthFirst(t, i);
            }
            if (found == 0) {
                continue;
            }
            int end = (int) (found >>> 8);
            double confidence = (found & 0xff) / 100.0;
            if (BIRTH.before(t, i, 2)) {
                confidence = 0.97;
            } else if (confidence < 0.85 && DATE_CUE.before(t, i, 1)) {
                confidence = Math.min(0.9, confidence + 0.2);
            }
            out.add(t.start(i), end, PhiType.DATE, confidence);
            next = t.tokenAtOrAfter(end);
        }
    }

    private static long found(int end, int percent) {
        return ((long) end << 8) | percent;
    }

    /** Numeric dates starting at token i: y-m-d, m/d/y, d.m.y, m/yyyy. 0 if none. */
    private static long numeric(ScanText t, int i) {
        int n = t.tokenCount();
        int len = t.tokenLength(i);
        if (len > 4 || len == 3 || i + 1 >= n || !t.isDigits(i + 1)) {
            return 0;
        }
        char sep = t.gapChar(i);
        if (sep != '/' && sep != '-' && sep != '.') {
            return 0;
        }
        if (i > 0 && t.isDigits(i - 1) && isJoiner(t.gapChar(i - 1))) {
            return 0;
        }
        boolean triple = i + 2 < n && t.isDigits(i + 2) && t.gapChar(i + 1) == sep;
        if (triple) {
            if (i + 3 < n && t.isDigits(i + 3) && isJoiner(t.gapChar(i + 2))) {
                return 0;
            }
            int a = t.intValue(i);
            int lenB = t.tokenLength(i + 1);
            int lenC = t.tokenLength(i + 2);
            if (lenB > 2) {
                return 0;
            }
            int b = t.intValue(i + 1);
            int c = t.intValue(i + 2);
            int end = t.end(i + 2);
            if (len == 4) {
                return lenC <= 2 && year(a) && validDay(b, c) ? found(end, 90) : 0;
            }
            if (lenC == 4 && year(c) && (validDay(a, b) || validDay(b, a))) {
                return found(end, 85);
            }
            if (lenC == 2 && sep != '.' && (validDay(a, b) || validDay(b, a))) {
                return found(end, sep == '/' ? 60 : 50);
            }
            return 0;
        }
        // month/year
        if (sep == '/' && len <= 2 && t.tokenLength(i + 1) == 4) {
            int month = t.intValue(i);
            int year = t.intValue(i + 1);
            if (month >= 1 && month <= 12 && year >= 1900 && year <= 2099
                    && !(i + 2 < n && t.isDigits(i + 2) && isJoiner(t.gapChar(i + 1)))) {
                return found(t.end(i + 1), 60);
            }
        }
        return 0;
    }

    /** Day-first textual dates at token i: "4 March 2021", "4th of March, 2021", "04-Mar-2021", "4 Mar". */
    private static long dayFirst(ScanText t, int i) {
        int n = t.tokenCount();
        int day = dayOf(t, i);
        if (day == 0 || i + 1 >= n) {
            return 0;
        }
        int m = i + 1;
        boolean dashed = t.gapChar(i) == '-';
        if (!dashed && !t.gapIsBlank(i, 1)) {
            return 0;
        }
        if (!dashed && t.tokenIs(m, "of") && t.gapIsBlank(m, 1)) {
            m++;
        }
        int month = monthOf(t, m);
        if (month == 0 || day > DAYS_IN_MONTH[month - 1]) {
            return 0;
        }
        int afterMonth = monthEnd(t, m);
        int y = m + 1;
        if (y < n && t.isDigits(y)) {
            int gap = t.start(y) - afterMonth;
            boolean sepOk = dashed ? t.gapChar(m) == '-' : gap >= 1 && gap <= 2
                    && onlyChars(t, afterMonth, t.start(y), " ,");
            int yearLength = t.tokenLength(y);
            if (sepOk && (yearLength == 4 && year(t.intValue(y)) || dashed && yearLength == 2)) {
                return found(t.end(y), 90);
            }
        }
        return dashed ? 0 : found(afterMonth, 60);
    }

    /** Month-first dates at token i: "March 4, 2021", "Mar. 4th 2021", "March 2021", "March 4". */
    private static long monthFirst(ScanText t, int i) {
        int month = monthOf(t, i);
        if (month == 0) {
            return 0;
        }
        int n = t.tokenCount();
        int afterMonth = monthEnd(t, i);
        int d = i + 1;
        if (d >= n) {
            return 0;
        }
        int gap = t.start(d) - afterMonth;
        if (gap < 1 || gap > 1 || t.charAt(afterMonth) != ' ') {
            return 0;
        }
        if (t.isDigits(d, 4) && year(t.intValue(d))) {
            return found(t.end(d), 70);
        }
        int day = dayOf(t, d);
        if (day == 0 || day > DAYS_IN_MONTH[month - 1]) {
            return 0;
        }
        int y = d + 1;
        if (y < n && t.isDigits(y, 4) && year(t.intValue(y))) {
            int between = t.start(y) - t.end(d);
            if (between >= 1 && between <= 2 && onlyChars(t, t.end(d), t.start(y), " ,")) {
                return found(t.end(y), 90);
            }
        }
        if (y < n && t.isDigits(y) && isJoiner(t.gapChar(d))) {
            return 0;
        }
        return found(t.end(d), 65);
    }

    /** The end of a month token, with the period of an abbreviation ("Mar."). */
    private static int monthEnd(ScanText t, int token) {
        int end = t.end(token);
        return t.tokenLength(token) <= 4 && t.charAtOrZero(end) == '.' ? end + 1 : end;
    }

    /** 1..12 if the token is a capitalised month name or abbreviation (Jan, Sept, March, MAR), else 0. */
    static int monthOf(ScanText t, int token) {
        if (token >= t.tokenCount() || !t.isLetters(token) || (t.flags(token) & ScanText.UPPER_FIRST) == 0) {
            return 0;
        }
        int length = t.tokenLength(token);
        if (length < 3 || length > 9) {
            return 0;
        }
        String text = t.text();
        int start = t.start(token);
        if ("JFMASONDjfmasond".indexOf(text.charAt(start)) < 0) {
            return 0;
        }
        for (int m = 0; m < 12; m++) {
            String name = MONTHS[m];
            if ((length == name.length() || length == 3) && text.regionMatches(true, start, name, 0, length)) {
                return m + 1;
            }
        }
        if (length == 4 && text.regionMatches(true, start, "sept", 0, 4)) {
            return 9;
        }
        return 0;
    }

    /** The day of month a token holds: "4", "04", "4th", "21st"; 0 if none. */
    private static int dayOf(ScanText t, int token) {
        if (token >= t.tokenCount()) {
            return 0;
        }
        String text = t.text();
        int start = t.start(token);
        int end = t.end(token);
        int digits = 0;
        int value = 0;
        while (start + digits < end && digits < 3) {
            char c = text.charAt(start + digits);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            digits++;
        }
        if (digits == 0 || digits > 2) {
            return 0;
        }
        int rest = end - start - digits;
        if (rest != 0) {
            if (rest != 2) {
                return 0;
            }
            String suffix = text.substring(start + digits, end).toLowerCase(java.util.Locale.ROOT);
            if (!(suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th"))) {
                return 0;
            }
        }
        return value >= 1 && value <= 31 ? value : 0;
    }

    private static boolean onlyChars(ScanText t, int from, int to, String allowed) {
        for (int p = from; p < to; p++) {
            if (allowed.indexOf(t.charAt(p)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isJoiner(char c) {
        return c == '/' || c == '-' || c == '.' || c == ':';
    }

    private static boolean year(int y) {
        return y >= 1800 && y <= 2199;
    }

    private static boolean validDay(int month, int day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
    }
}
