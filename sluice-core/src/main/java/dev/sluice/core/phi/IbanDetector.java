package dev.sluice.core.phi;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * International Bank Account Numbers, compact ({@code DE89370400440532013000}) or in groups of four
 * ({@code DE89 3704 0044 0532 0130 00}): a known country code, that country's length, and mod-97 equal to 1.
 */
final class IbanDetector implements Detector {

    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 "
                + "EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 "
                + "JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 "
                + "PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 "
                + "VG24 XK20";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.IBAN);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        String text = t.text();
        int n = t.tokenCount();
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next) {
                continue;
            }
            int length = t.tokenLength(i);
            if (length < 4 || (t.flags(i) & ScanText.LOWER) != 0) {
                continue;
            }
            int s = t.start(i);
            char a = text.charAt(s);
            char b = text.charAt(s + 1);
            if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z' || !isDigit(text.charAt(s + 2)) || !isDigit(text.charAt(s + 3))) {
                continue;
            }
            Integer expected = LENGTHS.get(text.substring(s, s + 2));
            if (expected == null) {
                continue;
            }
            int last = i;
            int total = length;
            if (length == 4) {
                // Grouped: blocks of four upper-case letters or digits after single spaces, the last may be shorter.
                while (total < expected && last + 1 < n && t.gapChar(last) == ' '
                        && t.tokenLength(last + 1) <= 4 && (t.flags(last + 1) & ScanText.LOWER) == 0
                        && t.tokenLength(last) == 4) {
                    last++;
                    total += t.tokenLength(last);
                }
            }
            if (total == expected && Checksums.iban(text, s, t.end(last))) {
                out.add(s, t.end(last), PhiType.IBAN, 0.95);
                next = last + 1;
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
