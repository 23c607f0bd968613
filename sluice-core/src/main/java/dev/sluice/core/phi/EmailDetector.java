package dev.sluice.core.phi;

import java.util.Set;

/**
 * E-mail addresses: a local part of letters, digits and {@code ._%+-} (at most 64), {@code @}, and a domain with at
 * least one dot and a top-level label of two or more letters. Each {@code @} is checked once, both sides bounded.
 */
final class EmailDetector implements Detector {

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.EMAIL);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        int n = text.length();
        int from = 0;
        int at;
        while ((at = text.indexOf('@', from)) >= 0) {
            from = at + 1;
            int start = at;
            while (start > 0 && at - start < MAX_LOCAL && isLocal(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
            }
            if (start == at) {
                continue;
            }
            int end = at + 1;
            while (end < n && end - at <= MAX_DOMAIN && isDomain(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--;
            }
            int lastDot = -1;
            for (int p = end - 1; p > at; p--) {
                if (text.charAt(p) == '.') {
                    lastDot = p;
                    break;
                }
            }
            if (lastDot <= at + 1 || end - lastDot - 1 < 2 || !letters(text, lastDot + 1, end)) {
                continue;
            }
            out.add(start, end, PhiType.EMAIL, 0.95);
            from = end;
        }
    }

    private static boolean letters(String text, int from, int to) {
        for (int p = from; p < to; p++) {
            char c = text.charAt(p);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocal(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomain(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }
}
