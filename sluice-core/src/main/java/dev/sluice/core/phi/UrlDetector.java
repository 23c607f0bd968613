package dev.sluice.core.phi;

import java.util.Set;

/**
 * Web addresses: {@code scheme://…} for http, https, ftp, sftp and ftps, and {@code www.…} without a scheme, up to
 * the first space, quote or angle bracket (at most 2,048 characters), without trailing punctuation. A URL ends where
 * the next search begins, so each character is read at most once.
 */
final class UrlDetector implements Detector {

    private static final int MAX_LENGTH = 2048;
    private static final String[] SCHEMES = {"https", "http", "sftp", "ftps", "ftp"};

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.URL);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        int from = 0;
        int nextScheme = -2;
        int nextWww = -2;
        while (true) {
            // Each search position only moves forward, so the whole loop reads the text a bounded number of times.
            if (nextScheme != -1 && nextScheme < from) {
                nextScheme = text.indexOf("://", from);
            }
            if (nextWww != -1 && nextWww < from) {
                nextWww = indexOfWww(text, from);
            }
            int start;
            int bodyFrom;
            if (nextWww >= 0 && (nextScheme < 0 || nextWww < nextScheme)) {
                start = nextWww;
                bodyFrom = nextWww + 4;
            } else if (nextScheme >= 0) {
                start = schemeStart(text, nextScheme);
                bodyFrom = nextScheme + 3;
                if (start < 0) {
                    from = bodyFrom;
                    continue;
                }
            } else {
                return;
            }
            int end = bodyFrom;
            while (end < text.length() && end - start < MAX_LENGTH && isUrlChar(text.charAt(end))) {
                end++;
            }
            while (end > bodyFrom && ".,;:!?)]}'".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end > bodyFrom + 1 && hasLetterOrDigit(text, bodyFrom, end)) {
                out.add(start, end, PhiType.URL, 0.9);
            }
            from = Math.max(end, bodyFrom);
        }
    }

    private static int indexOfWww(String text, int from) {
        int p = from;
        while (true) {
            p = text.indexOf("www.", p);
            if (p < 0) {
                return -1;
            }
            char before = p > 0 ? text.charAt(p - 1) : ' ';
            if (!Character.isLetterOrDigit(before) && before != '.' && before != '/' && before != '@') {
                return p;
            }
            p += 4;
        }
    }

    private static int schemeStart(String text, int colon) {
        for (String scheme : SCHEMES) {
            int start = colon - scheme.length();
            if (start >= 0 && text.regionMatches(true, start, scheme, 0, scheme.length())
                    && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isUrlChar(char c) {
        return c > ' ' && c != '"' && c != '<' && c != '>' && c != '`' && c != '\u007f' && !Character.isWhitespace(c);
    }

    private static boolean hasLetterOrDigit(String text, int from, int to) {
        for (int p = from; p < to; p++) {
            if (Character.isLetterOrDigit(text.charAt(p))) {
                return true;
            }
        }
        return false;
    }
}
