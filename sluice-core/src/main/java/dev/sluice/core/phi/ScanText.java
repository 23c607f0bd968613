package dev.sluice.core.phi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The text under scan, cut once into tokens (maximal runs of letters and digits) that every detector of the scan
 * shares. Detectors look for candidates among the tokens (a run of digits, a capitalised word) and check the
 * characters around them; nobody re-reads the whole text character by character, and nothing here allocates per
 * character.
 *
 * <p>Not thread-safe: one instance per scan.
 */
public final class ScanText {

    /** Token flag: the token has a digit. */
    public static final int DIGIT = 1;
    /** Token flag: the token has a letter. */
    public static final int LETTER = 2;
    /** Token flag: the first character is an upper-case letter. */
    public static final int UPPER_FIRST = 4;
    /** Token flag: the token has a lower-case letter. */
    public static final int LOWER = 8;
    /** Token flag: the token has an upper-case letter after a lower-case one ("McDonald", "dateOfBirth"). */
    public static final int INNER_UPPER = 16;
    /** Token flag: the token has an upper-case letter that is not the first character. */
    public static final int UPPER_AFTER_FIRST = 32;

    private static final byte OTHER = 0;
    private static final byte DIGIT_CHAR = 1;
    private static final byte LOWER_CHAR = 2;
    private static final byte UPPER_CHAR = 3;
    private static final byte[] ASCII_CLASS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII_CLASS[c] = DIGIT_CHAR;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII_CLASS[c] = LOWER_CHAR;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            ASCII_CLASS[c] = UPPER_CHAR;
        }
    }

    private final String text;
    private int[] starts;
    private int[] ends;
    private int[] flags;
    private int count;
    private int[] digitTokens;
    private int digitCount;
    private int[] capitalTokens;
    private int capitalCount;
    /** Lexicon flags per token, looked up on first use ({@link #lexiconFlags}); -1 = not yet. */
    private int[] lexicon;
    private Lexicon lexiconOwner;

    /** Scratch space for {@link ContextWords}: the word parts before a candidate. */
    final int[] partStarts = new int[ContextWords.MAX_PARTS];
    final int[] partEnds = new int[ContextWords.MAX_PARTS];

    public ScanText(String text) {
        this.text = Objects.requireNonNull(text, "text");
        int capacity = Math.max(8, text.length() / 5);
        starts = new int[capacity];
        ends = new int[capacity];
        flags = new int[capacity];
        digitTokens = new int[Math.max(8, capacity / 4)];
        capitalTokens = new int[Math.max(8, capacity / 4)];
        tokenize();
    }

    private static int classOf(char c) {
        if (c < 128) {
            return ASCII_CLASS[c];
        }
        if (Character.isLetter(c)) {
            return Character.isUpperCase(c) ? UPPER_CHAR : LOWER_CHAR;
        }
        return OTHER;
    }

    private void tokenize() {
        String s = text;
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cls = classOf(s.charAt(i));
            if (cls == OTHER) {
                i++;
                continue;
            }
            int start = i;
            int f = cls == DIGIT_CHAR ? DIGIT : cls == UPPER_CHAR ? LETTER | UPPER_FIRST : LETTER | LOWER;
            int previous = cls;
            i++;
            while (i < n) {
                cls = classOf(s.charAt(i));
                if (cls == OTHER) {
                    break;
                }
                switch (cls) {
                    case DIGIT_CHAR -> f |= DIGIT;
                    case LOWER_CHAR -> f |= LETTER | LOWER;
                    default -> f |= previous == LOWER_CHAR ? LETTER | UPPER_AFTER_FIRST | INNER_UPPER
                            : LETTER | UPPER_AFTER_FIRST;
                }
                previous = cls;
                i++;
            }
            add(start, i, f);
        }
    }

    private void add(int start, int end, int f) {
        if (count == starts.length) {
            int capacity = count * 2;
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        starts[count] = start;
        ends[count] = end;
        flags[count] = f;
        if ((f & DIGIT) != 0) {
            if (digitCount == digitTokens.length) {
                digitTokens = Arrays.copyOf(digitTokens, digitCount * 2);
            }
            digitTokens[digitCount++] = count;
        } else if ((f & UPPER_FIRST) != 0) {
            if (capitalCount == capitalTokens.length) {
                capitalTokens = Arrays.copyOf(capitalTokens, capitalCount * 2);
            }
            capitalTokens[capitalCount++] = count;
        }
        count++;
    }

    /** How many tokens have a digit; {@link #digitToken(int)} lists them in order. */
    public int digitTokenCount() {
        return digitCount;
    }

    /** The index of the k-th token that has a digit. */
    public int digitToken(int k) {
        return digitTokens[k];
    }

    /** How many tokens are letters only with an upper-case first letter; {@link #capitalToken(int)} lists them. */
    public int capitalTokenCount() {
        return capitalCount;
    }

    /** The index of the k-th token that is letters only with an upper-case first letter. */
    public int capitalToken(int k) {
        return capitalTokens[k];
    }

    /** The lexicon's flags for a token, looked up once per scan and shared by the detectors that ask. */
    int lexiconFlags(Lexicon words, int token) {
        if (lexiconOwner != words) {
            if (lexiconOwner != null) {
                return words.flags(text, starts[token], ends[token]);
            }
            lexiconOwner = words;
        }
        if (lexicon == null) {
            lexicon = new int[count];
            Arrays.fill(lexicon, -1);
        }
        int flags = lexicon[token];
        if (flags < 0) {
            flags = words.flags(text, starts[token], ends[token]);
            lexicon[token] = flags;
        }
        return flags;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public char charAt(int index) {
        return text.charAt(index);
    }

    /** The character at {@code index}, or 0 outside the text. */
    public char charAtOrZero(int index) {
        return index >= 0 && index < text.length() ? text.charAt(index) : 0;
    }

    public int tokenCount() {
        return count;
    }

    public int start(int token) {
        return starts[token];
    }

    public int end(int token) {
        return ends[token];
    }

    public int flags(int token) {
        return flags[token];
    }

    public int tokenLength(int token) {
        return ends[token] - starts[token];
    }

    /** Whether the token is all digits. */
    public boolean isDigits(int token) {
        return (flags[token] & (DIGIT | LETTER)) == DIGIT;
    }

    /** Whether the token is all digits and {@code length} long. */
    public boolean isDigits(int token, int length) {
        return token >= 0 && token < count && (flags[token] & (DIGIT | LETTER)) == DIGIT
                && ends[token] - starts[token] == length;
    }

    /** Whether the token is all letters. */
    public boolean isLetters(int token) {
        return (flags[token] & (DIGIT | LETTER)) == LETTER;
    }

    /** Whether the token is letters only, the first one upper case ("Smith", "McDonald", "USA"). */
    public boolean isCapitalised(int token) {
        return (flags[token] & (DIGIT | LETTER | UPPER_FIRST)) == (LETTER | UPPER_FIRST);
    }

    /** Whether the token's letters are all upper case (and it has some). */
    public boolean isAllUpper(int token) {
        int f = flags[token];
        return (f & LETTER) != 0 && (f & LOWER) == 0;
    }

    /** The characters between token {@code token} and the next one; -1 after the last token. */
    public int gapLength(int token) {
        return token + 1 < count ? starts[token + 1] - ends[token] : -1;
    }

    /** The single character between token {@code token} and the next, or 0 if the gap is not one character. */
    public char gapChar(int token) {
        return token + 1 < count && starts[token + 1] - ends[token] == 1 ? text.charAt(ends[token]) : 0;
    }

    /** Whether the gap after {@code token} is exactly {@code gap}. */
    public boolean gapIs(int token, String gap) {
        if (token + 1 >= count || starts[token + 1] - ends[token] != gap.length()) {
            return false;
        }
        return text.startsWith(gap, ends[token]);
    }

    /** Whether the gap after {@code token} is only spaces and tabs, at most {@code max} of them (and at least one). */
    public boolean gapIsBlank(int token, int max) {
        if (token + 1 >= count) {
            return false;
        }
        int from = ends[token];
        int to = starts[token + 1];
        if (to - from < 1 || to - from > max) {
            return false;
        }
        for (int p = from; p < to; p++) {
            char c = text.charAt(p);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The numeric value of an all-digit token of at most 9 digits. */
    public int intValue(int token) {
        int value = 0;
        for (int p = starts[token], e = ends[token]; p < e; p++) {
            value = value * 10 + (text.charAt(p) - '0');
        }
        return value;
    }

    /** Whether the token equals {@code word}, ignoring ASCII case. */
    public boolean tokenIs(int token, String word) {
        return token >= 0 && token < count && ends[token] - starts[token] == word.length()
                && text.regionMatches(true, starts[token], word, 0, word.length());
    }

    /** The index of the first token that starts at or after {@code position}. */
    public int tokenAtOrAfter(int position) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Whether the token begins a sentence or line: only spaces, quotes, brackets or bullets between it and the start
     * of the text, a line break, or a sentence end ({@code . ! ? :}).
     */
    public boolean startsSentence(int token) {
        for (int p = starts[token] - 1, limit = Math.max(0, starts[token] - 8); p >= limit; p--) {
            char c = text.charAt(p);
            switch (c) {
                case ' ', '\t', '"', '\'', '(', '[', '-', '*' -> {
                }
                case '.', '!', '?', ':', '\n', '\r', ';', '|' -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return starts[token] < 8;
    }
}
