package dev.sluice.core.phi;

import java.util.Set;

/**
 * Payment card numbers: 13–19 digits, written whole or in groups split by single spaces or dashes, that pass the
 * Luhn check and start with an issuer prefix of Visa, Mastercard, American Express, Discover, JCB or Diners Club,
 * at a length that issuer uses.
 */
final class CreditCardDetector implements Detector {

    private static final ContextWords CONTEXT = ContextWords.of("card", "credit", "visa", "mastercard", "amex",
            "discover", "cc", "ccn", "pan", "debit", "jcb", "diners");

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.CREDIT_CARD);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        int[] digits = new int[19];
        int n = t.tokenCount();
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next || !t.isDigits(i) || t.tokenLength(i) > 19) {
                continue;
            }
            // The chain of digit groups starting here, joined by one separator kind.
            char sep = 0;
            int last = i;
            int total = t.tokenLength(i);
            while (last + 1 < n && t.isDigits(last + 1) && total + t.tokenLength(last + 1) <= 19) {
                char gap = t.gapChar(last);
                if (gap != ' ' && gap != '-' || sep != 0 && gap != sep || t.tokenLength(last + 1) > 6) {
                    break;
                }
                sep = gap;
                total += t.tokenLength(last + 1);
                last++;
            }
            if (total < 13 || last > i && t.tokenLength(i) > 6) {
                continue;
            }
            // The longest prefix of the chain that is a card number wins.
            for (int end = last; end >= i; end--) {
                int count = 0;
                for (int k = i; k <= end; k++) {
                    for (int p = t.start(k); p < t.end(k); p++) {
                        digits[count++] = text.charAt(p) - '0';
                    }
                }
                if (count >= 13 && issuerAccepts(digits, count) && Checksums.luhn(digits, count)
                        && SsnDetector.standsAlone(t, i, end)) {
                    out.add(t.start(i), t.end(end), PhiType.CREDIT_CARD, CONTEXT.before(t, i, 2) ? 0.98 : 0.9);
                    next = end + 1;
                    break;
                }
            }
        }
    }

    /** Whether an issuer uses this prefix at this length. */
    static boolean issuerAccepts(int[] d, int length) {
        int two = d[0] * 10 + d[1];
        int three = two * 10 + d[2];
        int four = three * 10 + d[3];
        int six = four * 100 + d[4] * 10 + d[5];
        if (d[0] == 4) {
            return length == 13 || length == 16 || length == 19; // Visa
        }
        if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) {
            return length == 16; // Mastercard
        }
        if (two == 34 || two == 37) {
            return length == 15; // American Express
        }
        if (four == 6011 || three >= 644 && three <= 649 || two == 65 || six >= 622126 && six <= 622925) {
            return length >= 16 && length <= 19; // Discover
        }
        if (four >= 3528 && four <= 3589) {
            return length >= 16 && length <= 19; // JCB
        }
        if (three >= 300 && three <= 305 || two == 36 || two == 38 || two == 39) {
            return length >= 14 && length <= 19; // Diners Club
        }
        return false;
    }
}
