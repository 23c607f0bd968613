package dev.sluice.core.masking;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces a value by a keyed look-alike, so masked results keep their shape (a test suite, a screen, a report
 * still work) and the same value always gets the same stand-in (joins and counts still work).
 *
 * <ul>
 *   <li>{@link Style#FORMAT}: every digit becomes a digit, every letter a letter of the same case (ASCII), and
 *       everything else stays: {@code MRN-004512} → {@code QTZ-739106}. A digit run that starts with 1–9 still
 *       does, so a number keeps its length. The replacement characters are drawn from
 *       {@code HMAC(pseudonym subkey, value)}: they depend on the whole value, so two values that share a prefix
 *       do not share a pseudonym prefix.</li>
 *   <li>{@link Style#FIRST_NAME}, {@link Style#LAST_NAME}, {@link Style#FULL_NAME}: each word is replaced by a
 *       name from a fixed list of {@link FakeNames} chosen by a keyed index of the word, keeping its
 *       capitalisation; titles and suffixes ({@code Dr.}, {@code Jr}) stay, initials become another initial.
 *       A full name's last word (or the words before a comma: {@code Smith, John}) takes a last name, the others
 *       first names. Because each word maps on its own, {@code John} becomes the same name in a first-name column
 *       and inside a full name.</li>
 * </ul>
 * For numbers ({@link ValueKind#INTEGER}, {@link ValueKind#NUMERIC}) only digits change ({@code -12.50e3} keeps
 * its sign, point and exponent). Dates and other typed values are masked in full: a digit-shuffled date is not a
 * date. Not reversible, and not collision-free: two short values can share a pseudonym.
 */
public record Pseudonym(MaskingKey key, Style style) implements MaskStrategy {

    public enum Style { FORMAT, FIRST_NAME, LAST_NAME, FULL_NAME }

    /** Words a name keeps: they say nothing about who it is. Compared lower-case, without a trailing dot. */
    static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "jr", "sr",
            "ii", "iii", "iv", "md", "rn", "np", "pa", "phd", "dds", "esq");

    public Pseudonym {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(style, "style");
    }

    public static Pseudonym format(MaskingKey key) {
        return new Pseudonym(key, Style.FORMAT);
    }

    @Override
    public String name() {
        return "pseudonym";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return kind == ValueKind.TEXT || kind == ValueKind.JSON || kind.isNumber();
    }

    /** The pseudonym, or null when it cannot apply (the caller masks in full). */
    String apply(String value, ValueKind kind) {
        if (!fits(kind)) {
            return null;
        }
        if (kind.isNumber()) {
            return shape(value, new KeyStream(key, "digits", value), false);
        }
        return style == Style.FORMAT ? shape(value, new KeyStream(key, "format", value), true) : names(value);
    }

    /** Digits to digits and, when {@code letters}, letters to letters; everything else as it was. */
    private static String shape(String value, KeyStream random, boolean letters) {
        StringBuilder out = new StringBuilder(value.length());
        boolean previousDigit = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            boolean digit = Character.isDigit(cp);
            if (digit) {
                boolean leadingNonZero = !previousDigit && Character.digit(cp, 10) != 0;
                out.append(leadingNonZero ? (char) ('1' + random.next(9)) : (char) ('0' + random.next(10)));
            } else if (letters && Character.isLetter(cp)) {
                char letter = (char) ('a' + random.next(26));
                out.append(Character.isUpperCase(cp) ? Character.toUpperCase(letter) : letter);
            } else {
                out.appendCodePoint(cp);
            }
            previousDigit = digit;
        }
        return out.toString();
    }

    private String names(String value) {
        List<int[]> words = words(value);
        boolean[] isName = new boolean[words.size()];
        int firstName = -1;
        int lastName = -1;
        for (int w = 0; w < words.size(); w++) {
            String word = value.substring(words.get(w)[0], words.get(w)[1]);
            if (word.codePointCount(0, word.length()) > 1 && !isTitle(word)) {
                isName[w] = true;
                firstName = firstName < 0 ? w : firstName;
                lastName = w;
            }
        }
        int comma = value.indexOf(',');
        boolean lastFirst = style == Style.FULL_NAME && comma >= 0 && firstName >= 0
                && words.get(firstName)[1] <= comma;
        StringBuilder out = new StringBuilder(value.length() + 8);
        KeyStream others = new KeyStream(key, "name-shape", value);
        int from = 0;
        for (int w = 0; w < words.size(); w++) {
            int[] span = words.get(w);
            out.append(shape(value.substring(from, span[0]), others, false));
            String word = value.substring(span[0], span[1]);
            if (!isName[w]) {
                out.append(isTitle(word) ? word : shape(word, others, true));
            } else {
                boolean last = switch (style) {
                    case LAST_NAME -> true;
                    case FULL_NAME -> lastFirst ? span[1] <= comma : w == lastName;
                    case FIRST_NAME, FORMAT -> false;
                };
                out.append(sameCase(word, pick(word, last ? FakeNames.LAST : FakeNames.FIRST, last)));
            }
            from = span[1];
        }
        out.append(shape(value.substring(from), others, false));
        return out.toString();
    }

    private String pick(String word, List<String> list, boolean last) {
        byte[] mac = key.hmac(MaskingKey.PSEUDONYM_PURPOSE, (last ? "last-name" : "first-name").getBytes(StandardCharsets.UTF_8),
                word.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        long index = Integer.toUnsignedLong(ByteBuffer.wrap(mac).getInt());
        return list.get((int) (index % list.size()));
    }

    /** Spans of letters, with apostrophes inside a word ({@code O'Brien}). */
    private static List<int[]> words(String value) {
        List<int[]> spans = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            boolean inWord = Character.isLetter(cp) || (start >= 0 && (cp == '\'' || cp == '\u2019'));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                spans.add(new int[] {start, i});
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            spans.add(new int[] {start, value.length()});
        }
        return spans;
    }

    private static boolean isTitle(String word) {
        return TITLES.contains(word.toLowerCase(Locale.ROOT));
    }

    private static String sameCase(String original, String name) {
        boolean anyLower = original.codePoints().anyMatch(Character::isLowerCase);
        boolean anyUpper = original.codePoints().anyMatch(Character::isUpperCase);
        if (anyUpper && !anyLower) {
            return name.toUpperCase(Locale.ROOT);
        }
        if (anyLower && !anyUpper) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name;
    }
}
