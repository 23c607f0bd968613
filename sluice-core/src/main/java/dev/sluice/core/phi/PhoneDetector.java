package dev.sluice.core.phi;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.nio.CharBuffer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Telephone and fax numbers. A cheap scan finds runs of digit groups split by {@code space - . ( ) /}; those shaped
 * like a North American number ({@code (617) 555-0142}, {@code 617.555.0142}, {@code +1 617 555 0142},
 * {@code 1-617-555-0142}) are validated by libphonenumber ({@code isValidNumber}) once per area code and exchange —
 * the verdict is cached, since libphonenumber's validation costs microseconds and the same exchanges recur — and
 * numbers written with another {@code +} country code go to libphonenumber's {@code findNumbers} (leniency VALID) on
 * a window of at most {@value #MAX_WINDOW} characters, which bounds its regular-expression work on any input. A
 * "fax" cue nearer than a phone cue makes the number a {@link PhiType#FAX}. Ten or eleven digits with no
 * separators count only after a phone or fax cue (otherwise they are any number's shape: an NPI, an account).
 */
final class PhoneDetector implements Detector {

    static final int MAX_WINDOW = 48;
    private static final int MAX_GAP = 3;
    private static final ContextWords PHONE = ContextWords.of("phone", "tel", "telephone", "cell", "mobile", "call",
            "contact", "ph", "home", "work", "pager", "cellphone", "phonenumber", "mobilephone", "landline", "text",
            "reach", "callback", "number");
    private static final ContextWords FAX = ContextWords.of("fax", "facsimile", "faxed", "fax number");

    /**
     * libphonenumber's verdict per area code + exchange (NXXNXX read as a number), two bits each: 0 unknown,
     * 1 valid, 2 invalid. 250 KB for every possible pair; shared by all scans.
     */
    private static final AtomicLongArray VERDICTS = new AtomicLongArray(1_000_000 / 32 + 1);

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.PHONE, PhiType.FAX);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        int n = t.tokenCount();
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next || !t.isDigits(i)) {
                continue;
            }
            int last = i;
            int digits = t.tokenLength(i);
            while (last + 1 < n && t.isDigits(last + 1) && separatorGap(t, last) && digits <= 40) {
                last++;
                digits += t.tokenLength(last);
            }
            int start = prefixStart(t, i);
            boolean plus = start < t.start(i) && t.text().lastIndexOf('+', t.start(i)) >= start;
            if (plus && !t.tokenIs(i, "1")) {
                if (digits >= 8) {
                    find(t, i, start, Math.min(extensionEnd(t, last), start + MAX_WINDOW), out);
                }
                next = last + 1;
                continue;
            }
            // North American numbers, one after another within the run
            int k = i;
            while (k <= last) {
                int end = nanp(t, k, last);
                if (end < 0) {
                    k++;
                    continue;
                }
                int numberStart = k == i ? start : prefixStart(t, k);
                int endToken = t.tokenAtOrAfter(end) - 1;
                int numberEnd = extensionEnd(t, endToken);
                report(t, k, numberStart, numberEnd, out);
                k = endToken + 1;
            }
            next = last + 1;
        }
    }

    /**
     * The end of a valid North American number whose digits start at token k (within the run ending at token
     * {@code last}), or -1: [1] NXX NXX XXXX in three groups, or ten (or 1 + ten) plain digits after a cue.
     */
    private int nanp(ScanText t, int k, int last) {
        String text = t.text();
        int first = k;
        if (t.tokenIs(k, "1") && k + 3 <= last) {
            first = k + 1;
        }
        int areaAt;
        int exchangeAt;
        int end;
        if (first + 2 <= last && t.tokenLength(first) == 3 && t.tokenLength(first + 1) == 3
                && t.tokenLength(first + 2) == 4) {
            areaAt = t.start(first);
            exchangeAt = t.start(first + 1);
            end = t.end(first + 2);
        } else if (k == first && (t.tokenLength(k) == 10 || t.tokenLength(k) == 11 && text.charAt(t.start(k)) == '1')
                && cued(t, k)) {
            areaAt = t.end(k) - 10;
            exchangeAt = areaAt + 3;
            end = t.end(k);
        } else {
            return -1;
        }
        return validNanp(text, areaAt, exchangeAt, end) ? end : -1;
    }

    /** NXX-NXX-XXXX with N = 2–9, then libphonenumber's verdict for the area code and exchange (cached). */
    private boolean validNanp(String text, int areaAt, int exchangeAt, int end) {
        char a = text.charAt(areaAt);
        char e = text.charAt(exchangeAt);
        if (a < '2' || a > '9' || e < '2' || e > '9') {
            return false;
        }
        int key = (text.charAt(areaAt) - '0') * 100_000 + (text.charAt(areaAt + 1) - '0') * 10_000
                + (text.charAt(areaAt + 2) - '0') * 1_000 + (e - '0') * 100 + (text.charAt(exchangeAt + 1) - '0') * 10
                + (text.charAt(exchangeAt + 2) - '0');
        int cached = verdict(key);
        if (cached != 0) {
            return cached == 1;
        }
        String national = text.substring(areaAt, areaAt + 3) + text.substring(exchangeAt, exchangeAt + 3)
                + text.substring(end - 4, end);
        boolean valid;
        try {
            valid = util.isValidNumber(util.parse(national, "US"));
        } catch (NumberParseException ex) {
            valid = false;
        }
        remember(key, valid ? 1 : 2);
        return valid;
    }

    private static int verdict(int key) {
        return (int) (VERDICTS.get(key >>> 5) >>> ((key & 31) * 2)) & 3;
    }

    private static void remember(int key, int verdict) {
        int shift = (key & 31) * 2;
        VERDICTS.getAndUpdate(key >>> 5, word -> word & ~(3L << shift) | (long) verdict << shift);
    }

    private void report(ScanText t, int token, int start, int end, SpanSink out) {
        boolean formatted = false;
        for (int p = start; p < end && !formatted; p++) {
            char c = t.charAt(p);
            formatted = c < '0' || c > '9';
        }
        int fax = FAX.distanceBefore(t, token, start);
        int phone = PHONE.distanceBefore(t, token, start);
        boolean isFax = fax >= 0 && fax <= 2 && (phone < 0 || fax <= phone);
        boolean cue = isFax || phone >= 0 && phone <= 2;
        double confidence = cue ? 0.95 : formatted ? 0.9 : 0.55;
        out.add(start, end, isFax ? PhiType.FAX : PhiType.PHONE, confidence);
    }

    /** Reports the numbers libphonenumber finds in {@code text[start, end)}. */
    private void find(ScanText t, int firstToken, int start, int end, SpanSink out) {
        for (PhoneNumberMatch match : util.findNumbers(CharBuffer.wrap(t.text(), start, end), "ZZ",
                PhoneNumberUtil.Leniency.VALID, 20)) {
            int s = start + match.start();
            report(t, Math.max(firstToken, t.tokenAtOrAfter(s)), s, start + match.end(), out);
        }
    }

    private static boolean cued(ScanText t, int token) {
        return PHONE.before(t, token, 1) || FAX.before(t, token, 1);
    }

    /** Whether the gap after token k is 1–3 characters of {@code space - . ( ) /}. */
    private static boolean separatorGap(ScanText t, int k) {
        int from = t.end(k);
        int to = t.start(k + 1);
        if (to - from < 1 || to - from > MAX_GAP) {
            return false;
        }
        for (int p = from; p < to; p++) {
            char c = t.charAt(p);
            if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
                return false;
            }
        }
        return true;
    }

    /** Where a number starting at token i begins, taking in a leading {@code +} and/or {@code (}. */
    private static int prefixStart(ScanText t, int i) {
        int start = t.start(i);
        int p = start;
        while (p > 0 && start - p < 3) {
            char c = t.charAt(p - 1);
            if (c == '(' || c == '+') {
                p--;
                start = p;
            } else if (c == ' ' && p >= 2 && (t.charAt(p - 2) == '+')) {
                p--;
            } else {
                break;
            }
        }
        return start;
    }

    /** The end of the number whose digits end with token {@code last}, taking in an extension ("x204", "ext. 12"). */
    private static int extensionEnd(ScanText t, int last) {
        int n = t.tokenCount();
        int end = t.end(last);
        int next = last + 1;
        if (next >= n || t.start(next) - end > 2) {
            return end;
        }
        String text = t.text();
        int s = t.start(next);
        if ((t.flags(next) & (ScanText.DIGIT | ScanText.LETTER)) == (ScanText.DIGIT | ScanText.LETTER)
                && (text.charAt(s) == 'x' || text.charAt(s) == 'X') && t.tokenLength(next) <= 7) {
            return t.end(next);
        }
        if ((t.tokenIs(next, "ext") || t.tokenIs(next, "x") || t.tokenIs(next, "extension")) && next + 1 < n
                && t.isDigits(next + 1) && t.tokenLength(next + 1) <= 6 && t.start(next + 1) - t.end(next) <= 2) {
            return t.end(next + 1);
        }
        return end;
    }
}
