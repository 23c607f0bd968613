package dev.sluice.core.phi;

import java.util.Locale;
import java.util.Set;

/**
 * US postal addresses: a street line (house number, one to five street-name words, a suffix such as St, Avenue,
 * Blvd, an optional post-directional and unit: {@code 1200 N. Oak Ridge Blvd SW, Apt 4B}), a PO box, and a
 * {@code City, ST 12345(-6789)} line, alone or after a street line. A city also counts after a cue ("city",
 * "lives in"), and {@code City, ST} without a ZIP when the state code is not also a common abbreviation (MD, CT, PA,
 * OR…). Street words may be lower case only before a written-out suffix ("12 oak street").
 */
final class AddressDetector implements Detector {

    private static final Set<String> STATE_CODES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC",
            "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO",
            "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN",
            "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP");
    /** State codes that are rarely anything else, so "City, ST" counts without a ZIP. */
    private static final Set<String> PLAIN_STATE_CODES = Set.of("AK", "AZ", "AR", "FL", "IL", "IA", "KS", "KY",
            "MN", "MT", "NV", "NH", "NJ", "NM", "NY", "RI", "SD", "TN", "TX", "UT", "VT", "WA", "WV", "WI", "WY");
    private static final Set<String> STATE_NAMES = Set.of("alabama", "alaska", "arizona", "arkansas", "california",
            "colorado", "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana",
            "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
            "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
            "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
            "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
            "washington", "west virginia", "wisconsin", "wyoming", "puerto rico");
    private static final String[][][] STATE_NAMES_BY_INITIAL = new String[26][][];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            char initial = c;
            STATE_NAMES_BY_INITIAL[c - 'a'] = STATE_NAMES.stream().filter(name -> name.charAt(0) == initial)
                    .map(name -> name.split(" ")).toArray(String[][]::new);
        }
    }

    private static final ContextWords CITY_CUE = ContextWords.of("city", "town", "lives in", "resides in",
            "living in", "residing in", "resident of", "moved to", "relocated to", "hometown", "municipality");
    private static final int MAX_STREET_WORDS = 5;
    private static final String STATE_INITIALS = "ACDFGHIKLMNOPRSTUVW";
    private static final boolean[] SUFFIX_KEYS = new boolean[13 << 5];

    static {
        for (String suffix : Lexicon.streetSuffixes()) {
            if (suffix.length() <= 12) {
                SUFFIX_KEYS[suffix.length() << 5 | suffix.charAt(0) & 31] = true;
            }
        }
    }

    private final Lexicon lexicon;

    AddressDetector() {
        this(Lexicon.standard());
    }

    AddressDetector(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.ADDRESS);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        int n = t.tokenCount();
        int covered = 0;
        // Street lines start with a number (digit tokens), PO boxes and city lines with a capital: walk both lists
        // in text order.
        int d = 0;
        int c = 0;
        int digits = t.digitTokenCount();
        int capitals = t.capitalTokenCount();
        while (d < digits || c < capitals) {
            int i;
            if (c >= capitals || d < digits && t.digitToken(d) < t.capitalToken(c)) {
                i = t.digitToken(d++);
            } else {
                i = t.capitalToken(c++);
            }
            if (t.start(i) < covered) {
                continue;
            }
            int end = (t.flags(i) & ScanText.DIGIT) != 0 ? street(t, i) : poBox(t, i);
            if (end > 0) {
                int next = t.tokenAtOrAfter(end);
                int line = next < n && lineBreakOrComma(t, end, t.start(next)) ? cityStateZip(t, next, true) : -1;
                out.add(t.start(i), line > 0 ? line : end, PhiType.ADDRESS, line > 0 ? 0.95 : 0.85);
                covered = line > 0 ? line : end;
                continue;
            }
            if (t.isCapitalised(i) && !t.isAllUpper(i)) {
                if (CITY_CUE.before(t, i, 0)) {
                    int cityEnd = cityWords(t, i);
                    int line = cityStateZip(t, i, false);
                    if (line > 0 || cityEnd > 0) {
                        out.add(t.start(i), line > 0 ? line : cityEnd, PhiType.ADDRESS, 0.85);
                        covered = line > 0 ? line : cityEnd;
                        continue;
                    }
                }
                if ((i == 0 || !t.isCapitalised(i - 1) || !t.gapIsBlank(i - 1, 1)) && stateOrZipAhead(t, i)) {
                    int line = cityStateZip(t, i, false);
                    if (line > 0) {
                        out.add(t.start(i), line, PhiType.ADDRESS, 0.9);
                        covered = line;
                    }
                }
            }
        }
    }

    /** A cheap pre-check for a city line: a two-letter upper-case token or a five-digit one within five tokens. */
    private static boolean stateOrZipAhead(ScanText t, int i) {
        for (int k = i + 1, to = Math.min(t.tokenCount() - 1, i + 5); k <= to; k++) {
            int length = t.tokenLength(k);
            if (length == 2 && t.isAllUpper(k) || length == 5 && t.isDigits(k) || length >= 4 && t.isCapitalised(k)
                    && STATE_INITIALS.indexOf(t.charAt(t.start(k))) >= 0 && stateNameEnd(t, k) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The end of a street line starting with a house number at token i, or -1. */
    private int street(ScanText t, int i) {
        int n = t.tokenCount();
        if (!houseNumber(t, i) || i + 2 >= n || !t.gapIsBlank(i, 1)) {
            return -1;
        }
        if (i > 0 && t.isDigits(i - 1) && t.gapLength(i - 1) == 1 && "-/.:,".indexOf(t.gapChar(i - 1)) >= 0) {
            return -1;
        }
        if (!suffixAhead(t, i + 2, Math.min(n - 1, i + MAX_STREET_WORDS + 1))) {
            return -1;
        }
        int names = 0;
        boolean lower = false;
        for (int k = i + 1; k < n && k <= i + MAX_STREET_WORDS + 1; k++) {
            int f = t.flags(k);
            int flags = (f & ScanText.LETTER) != 0 ? t.lexiconFlags(lexicon, k) : 0;
            boolean capitalised = t.isCapitalised(k);
            boolean suffix = (flags & Lexicon.STREET_SUFFIX) != 0
                    && (capitalised || (flags & Lexicon.FULL_SUFFIX) != 0);
            if (suffix && names > 0 && (!lower || (flags & Lexicon.FULL_SUFFIX) != 0)) {
                // "Oak Ridge Blvd": the last of consecutive suffix words ends the street
                while (k + 1 < n && t.gapIsBlank(k, 1) && t.isCapitalised(k + 1) && !t.isAllUpper(k + 1)
                        && (t.lexiconFlags(lexicon, k + 1) & Lexicon.STREET_SUFFIX) != 0) {
                    k++;
                }
                return streetTail(t, k);
            }
            boolean ordinal = ordinal(t, k);
            boolean lowerWord = t.isLetters(k) && (f & ScanText.UPPER_FIRST) == 0;
            if (!(capitalised || ordinal || lowerWord)) {
                return -1;
            }
            if (lowerWord) {
                if ((flags & Lexicon.COMMON) == 0 && (flags & (Lexicon.LAST | Lexicon.FIRST)) == 0 || names >= 3) {
                    return -1;
                }
                lower = true;
            }
            names++;
            // words are split by one space, or ". " after an abbreviated directional ("N. Main")
            if (!(t.gapIsBlank(k, 1) || t.gapIs(k, ". ") && t.tokenLength(k) <= 2)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether a token in [from, to] could be a street suffix (by length and first letter): a cheap pre-check. */
    private static boolean suffixAhead(ScanText t, int from, int to) {
        for (int k = from; k <= to; k++) {
            int length = t.tokenLength(k);
            if (length <= 12 && t.isLetters(k)
                    && SUFFIX_KEYS[length << 5 | Character.toLowerCase(t.charAt(t.start(k))) & 31]) {
                return true;
            }
        }
        return false;
    }

    /** The end of a street line whose suffix is token k: a period, a post-directional, a unit. */
    private int streetTail(ScanText t, int k) {
        int n = t.tokenCount();
        int end = t.end(k);
        if (t.charAtOrZero(end) == '.' && t.tokenLength(k) <= 4) {
            end++;
        }
        int next = k + 1;
        if (next < n && t.start(next) == end + 1 && t.charAt(end) == ' ' && t.isAllUpper(next)
                && t.tokenLength(next) <= 2 && (t.lexiconFlags(lexicon, next)
                & Lexicon.DIRECTIONAL) != 0 && !continuesWithState(t, next)) {
            end = t.end(next);
            next++;
        }
        // unit: ", Apt 4B", " Suite 300", " #12", " Unit C-2"
        if (next < n) {
            int gapFrom = end;
            int gapTo = t.start(next);
            String gap = t.text().substring(gapFrom, Math.min(gapTo, gapFrom + 4));
            if (gapTo - gapFrom <= 3 && (gap.equals(" #") || gap.equals(", #") || gap.equals(" # "))) {
                return unitValueEnd(t, next);
            }
            if (gapTo - gapFrom <= 2 && (gap.equals(" ") || gap.equals(", ")) && t.isLetters(next)
                    && (t.lexiconFlags(lexicon, next) & Lexicon.UNIT) != 0) {
                int value = next + 1;
                if (value < n) {
                    int valueGap = t.start(value) - t.end(next);
                    String between = t.text().substring(t.end(next), t.start(value));
                    if (valueGap <= 3 && (between.equals(" ") || between.equals(". ") || between.equals(" #")
                            || between.equals("#") || between.equals(". #"))) {
                        return unitValueEnd(t, value);
                    }
                }
            }
        }
        return end;
    }

    private static int unitValueEnd(ScanText t, int value) {
        if (t.tokenLength(value) > 6) {
            return t.start(value);
        }
        int end = t.end(value);
        if (value + 1 < t.tokenCount() && t.gapChar(value) == '-' && t.tokenLength(value + 1) <= 4) {
            end = t.end(value + 1);
        }
        return end;
    }

    private boolean continuesWithState(ScanText t, int token) {
        // "Main St NE" vs "Main St, NE 68102": a directional followed by a ZIP is a state
        return token + 1 < t.tokenCount() && t.isDigits(token + 1, 5);
    }

    /** "PO Box 123", "P.O. Box 123", "Post Office Box 123": the end, or -1. */
    private static int poBox(ScanText t, int i) {
        int n = t.tokenCount();
        int box;
        if (t.tokenIs(i, "PO") && t.gapIsBlank(i, 1)) {
            box = i + 1;
        } else if (t.tokenIs(i, "P") && i + 2 < n && t.gapChar(i) == '.' && t.tokenIs(i + 1, "O")
                && (t.gapIs(i + 1, ". ") || t.gapIs(i + 1, " "))) {
            box = i + 2;
        } else if (t.tokenIs(i, "Post") && t.tokenIs(i + 1, "Office") && t.gapIsBlank(i, 1) && t.gapIsBlank(i + 1, 1)) {
            box = i + 2;
        } else {
            return -1;
        }
        if (box + 1 < n && t.tokenIs(box, "Box") && t.gapIsBlank(box, 2) && (t.flags(box + 1) & ScanText.DIGIT) != 0
                && t.tokenLength(box + 1) <= 8) {
            return t.end(box + 1);
        }
        return -1;
    }

    /**
     * The end of "City, ST 12345" (or "City ST 12345", "City, State 12345", "City, ST" with an unambiguous state)
     * whose city starts at token c; -1 if there is none. With {@code afterStreet}, "ST 12345" alone also counts.
     */
    private int cityStateZip(ScanText t, int c, boolean afterStreet) {
        int n = t.tokenCount();
        int k = c;
        int cityWords = 0;
        // "St. Louis", "Ft. Worth"
        while (k < n && cityWords < 3 && t.isCapitalised(k) && !isStateAt(t, k)) {
            cityWords++;
            if (t.gapIs(k, ". ") && t.tokenLength(k) <= 3) {
                k++;
                continue;
            }
            if (t.gapIsBlank(k, 1) && k + 1 < n && t.isCapitalised(k + 1) && !isStateAt(t, k + 1)) {
                k++;
                continue;
            }
            break;
        }
        int state;
        if (cityWords == 0) {
            if (!afterStreet || !isStateAt(t, c)) {
                return -1;
            }
            state = c;
        } else {
            state = k + 1;
            if (state >= n || !(t.gapIs(k, ", ") || t.gapIsBlank(k, 1) || t.gapIs(k, ","))) {
                return -1;
            }
            if (!isStateAt(t, state)) {
                return -1;
            }
        }
        int stateLast = stateLastToken(t, state);
        int zip = stateLast + 1;
        if (zip < n && t.isDigits(zip, 5) && (t.gapIsBlank(stateLast, 2) || t.gapIs(stateLast, ", "))) {
            int end = t.end(zip);
            if (zip + 1 < n && t.gapChar(zip) == '-' && t.isDigits(zip + 1, 4)) {
                end = t.end(zip + 1);
            }
            return end;
        }
        if (cityWords > 0 && t.gapIs(k, ", ")) {
            String code = t.text().substring(t.start(state), t.end(state));
            boolean plain = t.tokenLength(state) == 2 ? PLAIN_STATE_CODES.contains(code) : true;
            if (plain && !(zip < n && t.isDigits(zip) && t.gapLength(stateLast) <= 2)) {
                return t.end(stateLast);
            }
        }
        return -1;
    }

    /** The end of 1–3 capitalised city words at token c, or -1. */
    private int cityWords(ScanText t, int c) {
        int n = t.tokenCount();
        int k = c;
        int words = 0;
        while (k < n && words < 3 && t.isCapitalised(k)) {
            words++;
            if (k + 1 < n && t.gapIsBlank(k, 1) && t.isCapitalised(k + 1)) {
                k++;
            } else {
                break;
            }
        }
        return words == 0 ? -1 : t.end(words == 1 ? c : k);
    }

    private boolean isStateAt(ScanText t, int k) {
        if (k >= t.tokenCount() || !t.isLetters(k)) {
            return false;
        }
        if (t.tokenLength(k) == 2) {
            return t.isAllUpper(k) && STATE_CODES.contains(t.text().substring(t.start(k), t.end(k)));
        }
        return t.isCapitalised(k) && stateNameEnd(t, k) >= 0;
    }

    private int stateLastToken(ScanText t, int k) {
        if (t.tokenLength(k) == 2 && t.isAllUpper(k)) {
            return k;
        }
        return stateNameEnd(t, k);
    }

    /** The last token of a state name starting at token k ("New York" → the "York" token), or -1. */
    private static int stateNameEnd(ScanText t, int k) {
        int length = t.tokenLength(k);
        char first = Character.toLowerCase(t.charAt(t.start(k)));
        if (length < 4 || length > 13 || first < 'a' || first > 'z') {
            return -1;
        }
        String text = t.text();
        for (String[] name : STATE_NAMES_BY_INITIAL[first - 'a']) {
            if (name[0].length() != length || !text.regionMatches(true, t.start(k), name[0], 0, length)) {
                continue;
            }
            if (name.length == 1) {
                return k;
            }
            int next = k + 1;
            if (next < t.tokenCount() && t.gapIsBlank(k, 1) && t.tokenLength(next) == name[1].length()
                    && text.regionMatches(true, t.start(next), name[1], 0, name[1].length())) {
                return next;
            }
        }
        return -1;
    }

    private static boolean houseNumber(ScanText t, int i) {
        int f = t.flags(i);
        int length = t.tokenLength(i);
        if ((f & ScanText.LETTER) == 0) {
            return length <= 6 && t.charAt(t.start(i)) != '0';
        }
        // "221B", "12a"
        if (length < 2 || length > 7 || (f & ScanText.DIGIT) == 0) {
            return false;
        }
        String text = t.text();
        int s = t.start(i);
        for (int p = s; p < s + length - 1; p++) {
            if (!Character.isDigit(text.charAt(p))) {
                return false;
            }
        }
        return Character.isLetter(text.charAt(s + length - 1)) && text.charAt(s) != '0';
    }

    private static boolean ordinal(ScanText t, int k) {
        int f = t.flags(k);
        if ((f & (ScanText.DIGIT | ScanText.LETTER)) != (ScanText.DIGIT | ScanText.LETTER) || t.tokenLength(k) > 6) {
            return false;
        }
        String text = t.text();
        int e = t.end(k);
        if (!Character.isDigit(text.charAt(t.start(k))) || !Character.isDigit(text.charAt(e - 3))) {
            return false;
        }
        String suffix = text.substring(e - 2, e).toLowerCase(Locale.ROOT);
        return suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th");
    }

    private static boolean lineBreakOrComma(ScanText t, int from, int to) {
        if (to - from < 1 || to - from > 3) {
            return false;
        }
        boolean separator = false;
        for (int p = from; p < to; p++) {
            char c = t.charAt(p);
            if (c == ',' || c == '\n') {
                separator = true;
            } else if (c != ' ' && c != '\r') {
                return false;
            }
        }
        return separator;
    }
}
