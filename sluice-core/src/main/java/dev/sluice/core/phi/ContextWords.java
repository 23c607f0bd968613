package dev.sluice.core.phi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cue words that make a candidate more likely PHI when they come just before it: "DOB" before a date, "MRN" before a
 * number, "fax" before a phone number. A phrase is one or more words ("date of birth"); it matches the word parts
 * before the candidate, where a part is a token, or a piece of a camelCase or snake_case key ({@code dateOfBirth},
 * {@code patient_mrn}), so JSON keys count as cues too. Filler words ("number", "no", "is", "of"…) between the
 * phrase and the candidate are skipped.
 *
 * <p>The look-back is bounded ({@link #MAX_PARTS} parts within {@link #MAX_CHARS} characters), so a check costs a
 * constant whatever the text.
 */
final class ContextWords {

    static final int MAX_PARTS = 12;
    static final int MAX_CHARS = 48;
    private static final int MAX_TOKENS = 5;
    private static final Set<String> FILLERS = Set.of("number", "num", "no", "nbr", "is", "was", "of", "the", "id",
            "on", "code", "and", "or");

    private static final boolean[] FILLER_KEYS = new boolean[32 * 32];

    static {
        for (String filler : FILLERS) {
            FILLER_KEYS[key(filler.length(), filler.charAt(0))] = true;
        }
    }

    private final char[][][] phrases;
    private final boolean fillersCount;
    /** (length, first letter) of every phrase's last word: a cheap test before comparing characters. */
    private final boolean[] lastWordKeys = new boolean[32 * 32];

    private ContextWords(List<String> phrases, boolean fillersCount) {
        List<char[][]> parsed = new ArrayList<>();
        for (String phrase : phrases) {
            List<char[]> words = new ArrayList<>();
            for (String word : phrase.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    words.add(word.toCharArray());
                }
            }
            if (!words.isEmpty()) {
                parsed.add(words.toArray(char[][]::new));
            }
        }
        this.phrases = parsed.toArray(char[][][]::new);
        this.fillersCount = fillersCount;
        for (char[][] phrase : this.phrases) {
            char[] lastWord = phrase[phrase.length - 1];
            lastWordKeys[key(lastWord.length, lastWord[0])] = true;
        }
    }

    /** Cue phrases; filler words between a phrase and the candidate are skipped. */
    static ContextWords of(String... phrases) {
        return new ContextWords(List.of(phrases), false);
    }

    static ContextWords of(List<String> phrases) {
        return new ContextWords(phrases, false);
    }

    boolean isEmpty() {
        return phrases.length == 0;
    }

    /** Whether a phrase ends at most {@code maxDistance} parts before the token (0 = right before it). */
    boolean before(ScanText text, int token, int maxDistance) {
        if (maxDistance == 0 && cannotEndRightBefore(text, token)) {
            return false;
        }
        int d = distanceBefore(text, token);
        return d >= 0 && d <= maxDistance;
    }

    /** A cheap look at the token before: true when no phrase and no filler can end there. */
    private boolean cannotEndRightBefore(ScanText text, int token) {
        int p = token - 1;
        if (p < 0) {
            return true;
        }
        if ((text.flags(p) & (ScanText.INNER_UPPER | ScanText.DIGIT)) != 0) {
            return false;
        }
        int length = text.tokenLength(p);
        if (lastWordKeys[key(length, Character.toLowerCase(text.charAt(text.start(p))))]) {
            return false;
        }
        return length > 6 || !isFillerToken(text, p);
    }

    private static boolean isFillerToken(ScanText text, int token) {
        int start = text.start(token);
        int length = text.tokenLength(token);
        if (!FILLER_KEYS[key(length, Character.toLowerCase(text.charAt(start)))]) {
            return false;
        }
        for (String filler : FILLERS) {
            if (filler.length() == length && text.text().regionMatches(true, start, filler, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many word parts lie between the nearest phrase and token {@code token} (0 = the phrase ends right before
     * it, fillers not counted), or -1 if no phrase ends within the look-back.
     */
    int distanceBefore(ScanText text, int token) {
        return distanceBefore(text, token, text.start(token));
    }

    /** As {@link #distanceBefore(ScanText, int)}, for a candidate starting at {@code position} (before the token). */
    int distanceBefore(ScanText text, int token, int position) {
        int parts = collectParts(text, token, position);
        int distance = 0;
        for (int k = 0; k < parts; k++) {
            int start = text.partStarts[k];
            if (lastWordKeys[key(text.partEnds[k] - start, Character.toLowerCase(text.charAt(start)))]
                    && matchesAt(text, k, parts)) {
                return distance;
            }
            if (fillersCount || !isFiller(text, k)) {
                distance++;
            }
        }
        return -1;
    }

    private static int key(int length, char first) {
        return Math.min(length, 31) << 5 | first & 31;
    }

    /** Fills the text's scratch arrays with word parts before the candidate, nearest first; returns how many. */
    private static int collectParts(ScanText text, int token, int position) {
        int parts = 0;
        int floor = Math.max(0, position - MAX_CHARS);
        for (int t = token - 1, seen = 0; t >= 0 && seen < MAX_TOKENS && parts < MAX_PARTS; t--, seen++) {
            int start = text.start(t);
            int end = text.end(t);
            if (end <= floor) {
                break;
            }
            int f = text.flags(t);
            boolean split = (f & ScanText.INNER_UPPER) != 0
                    || (f & (ScanText.DIGIT | ScanText.LETTER)) == (ScanText.DIGIT | ScanText.LETTER);
            if (!split) {
                text.partStarts[parts] = start;
                text.partEnds[parts] = end;
                parts++;
                continue;
            }
            // Split camelCase and letter/digit boundaries, then store the pieces nearest first.
            int pieceEnd = end;
            for (int p = end - 1; p > start && parts < MAX_PARTS; p--) {
                char c = text.charAt(p);
                char before = text.charAt(p - 1);
                boolean cut = Character.isUpperCase(c) && Character.isLowerCase(before)
                        || Character.isDigit(c) != Character.isDigit(before);
                if (cut) {
                    text.partStarts[parts] = p;
                    text.partEnds[parts] = pieceEnd;
                    parts++;
                    pieceEnd = p;
                }
            }
            if (parts < MAX_PARTS) {
                text.partStarts[parts] = start;
                text.partEnds[parts] = pieceEnd;
                parts++;
            }
        }
        return parts;
    }

    private static boolean isFiller(ScanText text, int part) {
        int start = text.partStarts[part];
        int length = text.partEnds[part] - start;
        if (length > 6 || !FILLER_KEYS[key(length, Character.toLowerCase(text.charAt(start)))]) {
            return false;
        }
        for (String filler : FILLERS) {
            if (filler.length() == length && text.text().regionMatches(true, start, filler, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some phrase's last word is part {@code k} and its earlier words are parts k+1, k+2… */
    private boolean matchesAt(ScanText text, int k, int parts) {
        for (char[][] phrase : phrases) {
            int m = phrase.length;
            if (k + m > parts) {
                continue;
            }
            boolean all = true;
            for (int w = 0; w < m && all; w++) {
                all = partEquals(text, k + w, phrase[m - 1 - w]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean partEquals(ScanText text, int part, char[] word) {
        int start = text.partStarts[part];
        if (text.partEnds[part] - start != word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            char c = text.charAt(start + i);
            if (c != word[i] && Character.toLowerCase(c) != word[i]) {
                return false;
            }
        }
        return true;
    }
}
