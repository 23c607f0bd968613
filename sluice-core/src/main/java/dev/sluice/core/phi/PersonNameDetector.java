package dev.sluice.core.phi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Person names, from three kinds of evidence:
 * <ol>
 *   <li>a title right before ("Mr.", "Dr.", "Mrs"): the capitalised words after it are a name, whatever they are;</li>
 *   <li>a cue right before ("patient", "wife", "Name:", a {@code "patient_name":} key): the capitalised words after it
 *       that are not ordinary English words are a name;</li>
 *   <li>no cue: two to four capitalised words that look like given name + surname — by the dictionaries (1990 Census
 *       and SSA lists), or because neither word is an English word, a known proper noun or a listed name at all
 *       (an unlisted name such as "Xochitl Okonkwo" looks like that).</li>
 * </ol>
 * A run followed by "Hospital", "Clinic", "Street", "Syndrome"… names a place or a thing and is skipped. Once a name
 * is found, its surname and given name count as names elsewhere in the same text ("Smith" alone later on).
 *
 * <p>Names in lower case are not found; a name that is also an ordinary word ("Will", "Brown") needs a cue or a
 * partner word that is not.
 */
final class PersonNameDetector implements Detector {

    private static final int MAX_WORDS = 4;

    private final Lexicon lexicon;

    PersonNameDetector() {
        this(Lexicon.standard());
    }

    PersonNameDetector(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    @Override
    public Set<PhiType> types() {
        return Set.of(PhiType.NAME);
    }

    private enum Cue { NONE, CUE, TITLE }

    @Override
    public void detect(ScanText t, SpanSink out) {
        int n = t.tokenCount();
        int[] wordStart = new int[MAX_WORDS];
        int[] wordEnd = new int[MAX_WORDS];
        int[] wordFlags = new int[MAX_WORDS];
        List<int[]> found = null;
        int skipTo = 0;
        for (int c = 0; c < t.capitalTokenCount(); c++) {
            int i = t.capitalToken(c);
            if (i < skipTo || !t.isCapitalised(i)) {
                continue;
            }
            Cue cue = cueBefore(t, i);
            boolean allCapsOk = cue != Cue.NONE;
            // collect the run of name-shaped words
            int count = 0;
            int k = i;
            while (k < n && count < MAX_WORDS) {
                int end = nameWordEnd(t, k, allCapsOk);
                if (end < 0) {
                    break;
                }
                wordStart[count] = k;
                wordEnd[count] = end;
                wordFlags[count] = wordFlags(t, k, end);
                count++;
                int next = end + 1;
                if (next >= n) {
                    break;
                }
                if (!(t.gapIsBlank(end, 1) || t.gapIs(end, ". ") && t.tokenLength(end) == 1)) {
                    break;
                }
                k = next;
                // lower-case particles inside a name: "Ludwig van Beethoven"
                if (k < n && (t.flags(k) & ScanText.UPPER_FIRST) == 0 && t.isLetters(k)
                        && (t.lexiconFlags(lexicon, k) & Lexicon.PARTICLE) != 0
                        && k + 1 < n && t.gapIsBlank(k, 1) && t.isCapitalised(k + 1)) {
                    k++;
                }
            }
            if (count == 0) {
                continue;
            }
            int followFlags = 0;
            int after = wordEnd[count - 1] + 1;
            if (after < n && t.isCapitalised(after) && t.gapIsBlank(wordEnd[count - 1], 1)) {
                followFlags = t.lexiconFlags(lexicon, after);
            }
            int[] span = decide(t, cue, wordStart, wordEnd, wordFlags, count, followFlags);
            if (span == null) {
                continue;
            }
            int last = span[1];
            // "Name: Smith, John"
            if (cue != Cue.NONE && span[0] == wordStart[0] && last + 2 < n && t.gapIs(last, ", ")
                    && t.isCapitalised(last + 1)) {
                int end = nameWordEnd(t, last + 1, true);
                if (end >= 0 && (wordFlags(t, last + 1, end) & Lexicon.FIRST) != 0) {
                    last = end;
                }
            }
            // "John Smith Jr."
            if (last + 1 < n && (t.gapIsBlank(last, 1) || t.gapIs(last, ", ")) && t.tokenLength(last + 1) <= 3
                    && (t.lexiconFlags(lexicon, last + 1) & Lexicon.NAME_SUFFIX) != 0
                    && (t.flags(last + 1) & ScanText.UPPER_FIRST) != 0) {
                last++;
            }
            out.add(t.start(span[0]), t.end(last), PhiType.NAME, span[2] / 100.0);
            if (found == null) {
                found = new ArrayList<>();
            }
            found.add(new int[] {span[0], last});
            skipTo = last + 1;
        }
        if (found != null) {
            mentionsAgain(t, found, out);
        }
    }

    /**
     * Decides whether words [0, count) make a name. Returns {first token, last token, confidence %}, or null.
     */
    private int[] decide(ScanText t, Cue cue, int[] start, int[] end, int[] flags, int count, int followFlags) {
        switch (cue) {
            case TITLE -> {
                // after a title the first word is a name whatever it is ("Dr. Hall", "Mrs. Young")
                if ((flags[0] & (Lexicon.NOT_NAME | Lexicon.TITLE)) != 0) {
                    return null;
                }
                int m = 1;
                while (m < count && m < 3 && (flags[m] & (Lexicon.NOT_NAME | Lexicon.ORG)) == 0) {
                    m++;
                }
                return new int[] {start[0], end[m - 1], 92};
            }
            case CUE -> {
                int m = 0;
                boolean strong = false;
                while (m < count && !ordinaryWord(flags[m])) {
                    strong |= strongOrUnknown(flags[m]);
                    m++;
                }
                if (m == 0 || m < count && (flags[m] & Lexicon.ORG) != 0 || m == count && orgAfter(followFlags)) {
                    return null;
                }
                if (m == 1 && !strong && t.isAllUpper(end[0])) {
                    return null;
                }
                return new int[] {start[0], end[m - 1], strong ? 90 : 75};
            }
            default -> {
                // skip leading words that are not names ("Today John Smith…")
                int a = 0;
                while (a < count && nonName(flags[a])) {
                    a++;
                }
                int b = a;
                while (b + 1 < count && !nonName(flags[b + 1])) {
                    b++;
                }
                if (b - a < 1) {
                    return null;
                }
                if (b + 1 < count ? (flags[b + 1] & (Lexicon.ORG | Lexicon.STREET_SUFFIX)) != 0 : orgAfter(followFlags)) {
                    return null;
                }
                int fa = flags[a];
                int fb = flags[b];
                boolean firstA = (fa & Lexicon.FIRST) != 0;
                boolean lastB = (fb & Lexicon.LAST) != 0;
                if ((fb & Lexicon.STREET_SUFFIX) != 0 && !(firstA && lastB)) {
                    return null; // "Jackson Street", "Park Lane"
                }
                for (int w = a; w <= b; w++) {
                    if ((flags[w] & Lexicon.ORG) != 0 && (flags[w] & Lexicon.FIRST) == 0 && !(w == b && firstA)) {
                        return null; // "Glasgow Coma Scale", "Mayo Clinic"
                    }
                }
                int score;
                if (nameLike(fa) && nameLike(fb)) {
                    score = firstA && (lastB || unknown(fb)) ? 85 : firstA || lastB ? 70 : 60;
                } else if (nameLike(fa) || nameLike(fb)) {
                    score = firstA || lastB ? 70 : 0;
                } else {
                    score = firstA && lastB ? 60 : 0;
                }
                boolean allCaps = t.isAllUpper(end[a]) || t.isAllUpper(end[b]);
                if (allCaps && !(strong(fa, Lexicon.FIRST) && strong(fb, Lexicon.LAST))) {
                    score = 0;
                }
                if (score > 0 && score < 80 && t.startsSentence(start[a])) {
                    score -= 10;
                }
                return score >= 50 ? new int[] {start[a], end[b], score} : null;
            }
        }
    }

    /** A listed name that is not an ordinary word, or a word no list knows. */
    private static boolean nameLike(int flags) {
        return unknown(flags) || strong(flags, Lexicon.FIRST) || strong(flags, Lexicon.LAST);
    }

    /** An ordinary lower-case word that is not also a name, a month, a weekday, an organisation word. */
    private static boolean ordinaryWord(int flags) {
        if ((flags & Lexicon.NOT_NAME) != 0) {
            return true;
        }
        return (flags & (Lexicon.FIRST | Lexicon.LAST)) == 0 && (flags & (Lexicon.COMMON | Lexicon.ORG
                | Lexicon.STREET_SUFFIX | Lexicon.TITLE | Lexicon.NAME_CUE | Lexicon.UNIT)) != 0;
    }

    private static boolean orgAfter(int followFlags) {
        return (followFlags & (Lexicon.ORG | Lexicon.STREET_SUFFIX)) != 0
                && (followFlags & (Lexicon.FIRST | Lexicon.LAST)) == 0
                || (followFlags & Lexicon.ORG) != 0 && (followFlags & Lexicon.COMMON) != 0;
    }

    private static boolean strong(int flags, int kind) {
        return (flags & kind) != 0 && (flags & (Lexicon.COMMON | Lexicon.NOT_NAME)) == 0;
    }

    private static boolean weak(int flags, int kind) {
        return (flags & kind) != 0 && (flags & Lexicon.COMMON) != 0 && (flags & Lexicon.NOT_NAME) == 0;
    }

    private static boolean isLast(int flags) {
        return (flags & Lexicon.LAST) != 0 && (flags & Lexicon.NOT_NAME) == 0;
    }

    /** A word no list knows: maybe a name the dictionaries lack. Middle initials count as unknown too. */
    private static boolean unknown(int flags) {
        return flags == 0 || flags == INITIAL;
    }

    private static boolean strongOrUnknown(int flags) {
        return unknown(flags) || strong(flags, Lexicon.FIRST) || strong(flags, Lexicon.LAST);
    }

    /** An ordinary word, a month, a place or an organisation word, and not a listed name. */
    private static boolean nonName(int flags) {
        if ((flags & (Lexicon.NOT_NAME | Lexicon.NAME_CUE | Lexicon.TITLE)) != 0 && flags != INITIAL) {
            return true;
        }
        if ((flags & (Lexicon.FIRST | Lexicon.LAST)) != 0) {
            return false;
        }
        return flags != 0 && flags != INITIAL;
    }

    private static final int INITIAL = 1 << 30;

    private int wordFlags(ScanText t, int first, int last) {
        if (first == last && t.tokenLength(first) == 1) {
            return INITIAL;
        }
        int flags = 0;
        if (first == last) {
            return t.lexiconFlags(lexicon, first);
        }
        // O'Brien → "obrien"; Smith-Jones → both parts
        if (t.gapChar(first) == '\'' || t.gapChar(first) == '\u2019') {
            int joined = lexicon.flags(t.text(), t.start(first), t.end(last));
            return joined != 0 ? joined : Lexicon.LAST;
        }
        for (int k = first; k <= last; k++) {
            flags |= t.lexiconFlags(lexicon, k) & (Lexicon.FIRST | Lexicon.LAST);
        }
        return flags;
    }

    /**
     * The last token of a name-shaped word at token k: "Smith", "McDonald", "O'Brien", "Smith-Jones", an initial
     * "J." followed by more; ALL-CAPS words only with {@code allCaps}. -1 if the token is not one.
     */
    private static int nameWordEnd(ScanText t, int k, boolean allCaps) {
        if (!t.isCapitalised(k)) {
            return -1;
        }
        int length = t.tokenLength(k);
        int n = t.tokenCount();
        if (length == 1) {
            // O'Brien, D'Angelo
            char gap = t.gapChar(k);
            if ((gap == '\'' || gap == '\u2019') && k + 1 < n && t.isCapitalised(k + 1) && t.tokenLength(k + 1) >= 2) {
                return hyphenated(t, k + 1);
            }
            // middle initial: "J. Smith", "J Smith"
            if ((t.gapIs(k, ". ") || t.gapIsBlank(k, 1)) && k + 1 < n && t.isCapitalised(k + 1)
                    && t.tokenLength(k + 1) >= 2) {
                return k;
            }
            return -1;
        }
        if (t.isAllUpper(k) && !allCaps) {
            return -1;
        }
        if (t.isAllUpper(k) && length > 12) {
            return -1;
        }
        return hyphenated(t, k);
    }

    /** "Smith-Jones": the second part of a double-barrelled name, if there is one. */
    private static int hyphenated(ScanText t, int k) {
        if (k + 1 < t.tokenCount() && t.gapChar(k) == '-' && t.isCapitalised(k + 1) && !t.isAllUpper(k + 1)
                && t.tokenLength(k + 1) >= 2) {
            return k + 1;
        }
        return k;
    }

    /** A title (Mr., Dr.) or a name cue (patient, wife, "name":) right before token i. */
    private Cue cueBefore(ScanText t, int i) {
        int p = i - 1;
        if (p < 0) {
            return Cue.NONE;
        }
        int gapFrom = t.end(p);
        int gapTo = t.start(i);
        if (gapTo - gapFrom > 4) {
            return Cue.NONE;
        }
        boolean period = false;
        boolean colon = false;
        for (int q = gapFrom; q < gapTo; q++) {
            char c = t.charAt(q);
            switch (c) {
                case '.' -> period = true;
                case ':', '=', '"', ',', '(', '\'' -> colon = true;
                case ' ', '\t' -> {
                }
                default -> {
                    return Cue.NONE;
                }
            }
        }
        int pStart = t.start(p);
        if (period && !colon && (t.tokenLength(p) > 4 || (t.flags(p) & ScanText.UPPER_FIRST) == 0)) {
            return Cue.NONE; // after "word. " only a title ("Dr. ") is a cue
        }
        if ((t.flags(p) & ScanText.INNER_UPPER) != 0) {
            // patientName → "Name"
            for (int q = t.end(p) - 1; q > pStart; q--) {
                if (Character.isUpperCase(t.charAt(q)) && Character.isLowerCase(t.charAt(q - 1))) {
                    pStart = q;
                    break;
                }
            }
        }
        int flags = pStart == t.start(p) ? t.lexiconFlags(lexicon, p) : lexicon.flags(t.text(), pStart, t.end(p));
        if ((flags & Lexicon.TITLE) != 0 && (t.flags(p) & ScanText.UPPER_FIRST) != 0 && !colon) {
            return Cue.TITLE;
        }
        if ((flags & Lexicon.NAME_CUE) != 0 && !(period && !colon && gapTo - gapFrom > 1)) {
            return Cue.CUE;
        }
        return Cue.NONE;
    }

    /** Later mentions of a name already found: "Smith" alone, "John" alone. */
    private void mentionsAgain(ScanText t, List<int[]> found, SpanSink out) {
        int[] words = new int[8];
        int count = 0;
        for (int[] span : found) {
            for (int k = span[0]; k <= span[1] && count < words.length; k++) {
                if (t.isCapitalised(k) && t.tokenLength(k) >= 3) {
                    int flags = t.lexiconFlags(lexicon, k);
                    if (!nonName(flags) && (flags & Lexicon.COMMON) == 0) {
                        words[count++] = k;
                    }
                }
            }
        }
        if (count == 0) {
            return;
        }
        int next = 0;
        for (int[] span : found) {
            for (int k = next; k < span[0]; k++) {
                mention(t, k, words, count, out);
            }
            next = span[1] + 1;
        }
        for (int k = next; k < t.tokenCount(); k++) {
            mention(t, k, words, count, out);
        }
    }

    private static void mention(ScanText t, int k, int[] words, int count, SpanSink out) {
        if (!t.isCapitalised(k) || t.tokenLength(k) < 3) {
            return;
        }
        String text = t.text();
        int length = t.tokenLength(k);
        char first = text.charAt(t.start(k));
        for (int w = 0; w < count; w++) {
            int word = words[w];
            if (t.tokenLength(word) == length && text.charAt(t.start(word)) == first
                    && text.regionMatches(t.start(k), text, t.start(word), length)) {
                out.add(t.start(k), t.end(k), PhiType.NAME, 0.8);
                return;
            }
        }
    }
}
