package dev.sluice.core.phi;

import java.util.Set;

/**
 * IP and MAC addresses: dotted IPv4 ({@code 10.2.33.4}, each part 0–255, not inside a longer dotted run), IPv6 in
 * full or compressed form ({@code 2001:db8::8a2e:370:7334}, an embedded IPv4 tail allowed), and MAC addresses as six
 * hex pairs split by colons or dashes or three hex quads split by dots. Every parse reads at most one address's
 * worth of characters.
 */
final class NetworkAddressDetector implements Detector {

    private static final int MAX_IPV6 = 45;

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.IP_ADDRESS, PhiType.MAC_ADDRESS);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        int n = t.tokenCount();
        int covered = 0;
        for (int i = 0; i < n; i++) {
            int start = t.start(i);
            if (start < covered) {
                continue;
            }
            char gap = t.gapChar(i);
            if (gap != '.' && gap != ':' && gap != '-' && !t.gapIs(i, "::")
                    && !(start >= 2 && text.startsWith("::", start - 2))) {
                continue;
            }
            int end = ipv4(t, i);
            if (end > 0) {
                boolean small = true;
                for (int k = i; k < i + 4; k++) {
                    small &= t.tokenLength(k) == 1;
                }
                out.add(start, end, PhiType.IP_ADDRESS, small ? 0.6 : 0.85);
                covered = end;
                continue;
            }
            end = mac(t, i);
            if (end > 0) {
                out.add(start, end, PhiType.MAC_ADDRESS, 0.9);
                covered = end;
                continue;
            }
            int from = start >= 2 && text.startsWith("::", start - 2) && !isHex(t.charAtOrZero(start - 3))
                    && t.charAtOrZero(start - 3) != ':' ? start - 2 : start;
            end = ipv6(text, from);
            if (end > 0) {
                out.add(from, end, PhiType.IP_ADDRESS, 0.9);
                covered = end;
            }
        }
    }

    /** The end of a dotted IPv4 address starting at token i, or -1. */
    private static int ipv4(ScanText t, int i) {
        if (i + 3 >= t.tokenCount()) {
            return -1;
        }
        for (int k = i; k < i + 4; k++) {
            if (!t.isDigits(k) || t.tokenLength(k) > 3 || t.intValue(k) > 255 || k < i + 3 && t.gapChar(k) != '.') {
                return -1;
            }
        }
        if (i > 0 && t.gapChar(i - 1) == '.') {
            return -1; // "v1.2.3.4.5", "1.2.3.4.5"
        }
        if (i + 4 < t.tokenCount() && t.gapChar(i + 3) == '.' && t.isDigits(i + 4)) {
            return -1;
        }
        return t.end(i + 3);
    }

    /** The end of a MAC address starting at token i, or -1. */
    private static int mac(ScanText t, int i) {
        int n = t.tokenCount();
        if (t.tokenLength(i) == 2 && i + 5 < n) {
            char sep = t.gapChar(i);
            if (sep != ':' && sep != '-') {
                return -1;
            }
            for (int k = i; k < i + 6; k++) {
                if (t.tokenLength(k) != 2 || !hexToken(t, k) || k < i + 5 && t.gapChar(k) != sep) {
                    return -1;
                }
            }
            if (i + 6 < n && t.gapChar(i + 5) == sep && hexToken(t, i + 6) || i > 0 && t.gapChar(i - 1) == sep
                    && hexToken(t, i - 1)) {
                return -1;
            }
            return t.end(i + 5);
        }
        if (t.tokenLength(i) == 4 && i + 2 < n && t.gapChar(i) == '.' && t.gapChar(i + 1) == '.'
                && t.tokenLength(i + 1) == 4 && t.tokenLength(i + 2) == 4
                && hexToken(t, i) && hexToken(t, i + 1) && hexToken(t, i + 2)
                && !(t.isDigits(i) && t.isDigits(i + 1) && t.isDigits(i + 2))
                && !(i + 3 < n && t.gapChar(i + 2) == '.' && (t.flags(i + 3) & ScanText.DIGIT) != 0)) {
            return t.end(i + 2);
        }
        return -1;
    }

    /** The end of an IPv6 address starting at {@code p}, or -1. */
    static int ipv6(String text, int p) {
        int n = text.length();
        if (p > 0 && (isHex(text.charAt(p - 1)) || text.charAt(p - 1) == ':')) {
            return -1;
        }
        int pos = p;
        int groups = 0;
        boolean compressed = false;
        boolean letters = false;
        if (text.startsWith("::", pos)) {
            compressed = true;
            pos += 2;
        }
        int end = compressed ? pos : -1;
        while (pos < n && pos - p <= MAX_IPV6) {
            int run = 0;
            while (pos + run < n && run < 5 && isHex(text.charAt(pos + run))) {
                run++;
            }
            if (run == 0) {
                break;
            }
            char after = pos + run < n ? text.charAt(pos + run) : ' ';
            if (after == '.' && groups <= 6 && pos + run + 1 < n && Character.isDigit(text.charAt(pos + run + 1))
                    && allDigits(text, pos, pos + run)) {
                int v4 = embeddedIpv4(text, pos);
                if (v4 < 0) {
                    return -1;
                }
                groups += 2;
                end = v4;
                break;
            }
            if (run > 4 || Character.isLetterOrDigit(after)) {
                return -1;
            }
            for (int k = pos; k < pos + run; k++) {
                letters |= text.charAt(k) > '9';
            }
            groups++;
            pos += run;
            end = pos;
            if (text.startsWith("::", pos)) {
                if (compressed) {
                    break;
                }
                compressed = true;
                pos += 2;
                end = pos;
            } else if (pos + 1 < n && text.charAt(pos) == ':' && isHex(text.charAt(pos + 1))) {
                pos++;
            } else {
                break;
            }
        }
        if (end < 0 || end < n && (isHex(text.charAt(end)) || text.charAt(end) == ':')) {
            return -1;
        }
        boolean valid = compressed ? groups >= 1 && groups <= 7 && (groups >= 2 || letters || text.startsWith("::", p))
                : groups == 8;
        return valid ? end : -1;
    }

    private static int embeddedIpv4(String text, int p) {
        int pos = p;
        for (int part = 0; part < 4; part++) {
            int value = 0;
            int digits = 0;
            while (pos < text.length() && digits < 4 && Character.isDigit(text.charAt(pos))) {
                value = value * 10 + (text.charAt(pos) - '0');
                digits++;
                pos++;
            }
            if (digits == 0 || digits > 3 || value > 255) {
                return -1;
            }
            if (part < 3) {
                if (pos >= text.length() || text.charAt(pos) != '.') {
                    return -1;
                }
                pos++;
            }
        }
        return pos < text.length() && Character.isLetterOrDigit(text.charAt(pos)) ? -1 : pos;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!Character.isDigit(text.charAt(p))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hexToken(ScanText t, int token) {
        for (int p = t.start(token); p < t.end(token); p++) {
            if (!isHex(t.charAt(p))) {
                return false;
            }
        }
        return true;
    }

    static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
