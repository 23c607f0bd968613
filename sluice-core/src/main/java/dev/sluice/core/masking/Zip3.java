package dev.sluice.core.masking;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generalises a US ZIP code to its first three digits ({@code 02134-1234} → {@code 02100}), as HIPAA Safe Harbor
 * (45 CFR 164.514(b)(2)(i)(B)) allows, except that a three-digit area with 20,000 people or fewer becomes
 * {@code 000} ({@code 00000}).
 *
 * <p>{@link #SAFE_HARBOR_SPARSE_PREFIXES} is the list HHS publishes in its "Guidance Regarding Methods for
 * De-identification of Protected Health Information in Accordance with the HIPAA Privacy Rule" (section 3.4,
 * from 2000 Census data):
 * https://www.hhs.gov/hipaa/for-professionals/special-topics/de-identification/index.html. HHS expects the list to
 * follow the current census; a deployment can give its own through configuration ({@code sparse_prefixes}).
 *
 * <p>Accepted: five digits, ZIP+4 ({@code 12345-6789}, {@code 12345 6789}, nine digits). A ZIP stored as a number
 * has lost its leading zeros ({@code 2134}), so for numbers they are restored first, and the result is a number
 * again ({@code 2100}). Anything else (a Canadian postal code, a typo) is masked in full.
 */
public record Zip3(Set<String> sparsePrefixes) implements MaskStrategy {

    // before SAFE_HARBOR: its constructor uses PREFIX
    private static final Pattern PREFIX = Pattern.compile("[0-9]{3}");
    private static final Pattern ZIP_TEXT = Pattern.compile("([0-9]{3})[0-9]{2}(?:[- ]?[0-9]{4})?");
    private static final Pattern ZIP_NUMBER = Pattern.compile("[0-9]{1,9}");

    public static final Set<String> SAFE_HARBOR_SPARSE_PREFIXES = Set.of("036", "059", "063", "102", "203", "556",
            "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893");
    public static final Zip3 SAFE_HARBOR = new Zip3(SAFE_HARBOR_SPARSE_PREFIXES);

    public Zip3 {
        sparsePrefixes = Set.copyOf(sparsePrefixes);
        for (String prefix : sparsePrefixes) {
            if (!PREFIX.matcher(Objects.requireNonNull(prefix, "prefix")).matches()) {
                throw new IllegalArgumentException("a sparse ZIP prefix has three digits: " + prefix);
            }
        }
    }

    @Override
    public String name() {
        return "zip3";
    }

    @Override
    public boolean fits(ValueKind kind) {
        return kind == ValueKind.TEXT || kind == ValueKind.JSON || kind.isNumber();
    }

    /** The ZIP3 form, or null when {@code value} is not a ZIP code. */
    String apply(String value, ValueKind kind) {
        String text = value.strip();
        if (kind.isNumber()) {
            if (!ZIP_NUMBER.matcher(text).matches()) {
                return null;
            }
            String padded = "0".repeat((text.length() <= 5 ? 5 : 9) - text.length()) + text;
            return String.valueOf(Integer.parseInt(generalise(padded.substring(0, 3))));
        }
        Matcher zip = ZIP_TEXT.matcher(text);
        return zip.matches() ? generalise(zip.group(1)) : null;
    }

    private String generalise(String prefix) {
        return (sparsePrefixes.contains(prefix) ? "000" : prefix) + "00";
    }
}
