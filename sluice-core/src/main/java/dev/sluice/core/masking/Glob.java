package dev.sluice.core.masking;

import java.util.Locale;

/**
 * One name pattern: {@code *} matches any run of characters (also none), {@code ?} exactly one; everything else
 * matches itself, ignoring case (PostgreSQL folds unquoted names to lower case, and a rule written
 * {@code *.Patients.SSN} should not miss a column created as {@code "SSN"}; matching more is the safe side).
 * Compiled once; matching is linear in practice and at worst {@code O(pattern × name)}, with no regex engine.
 */
final class Glob {

    private final String pattern;
    private final Kind kind;

    private enum Kind { ANY, LITERAL, WILDCARD }

    Glob(String pattern) {
        this.pattern = pattern.toLowerCase(Locale.ROOT);
        if (this.pattern.chars().allMatch(c -> c == '*') && !this.pattern.isEmpty()) {
            kind = Kind.ANY;
        } else if (this.pattern.indexOf('*') < 0 && this.pattern.indexOf('?') < 0) {
            kind = Kind.LITERAL;
        } else {
            kind = Kind.WILDCARD;
        }
    }

    boolean matchesAnything() {
        return kind == Kind.ANY;
    }

    /** Whether {@code name} (any case) matches. */
    boolean matches(String name) {
        return switch (kind) {
            case ANY -> true;
            case LITERAL -> pattern.equalsIgnoreCase(name);
            case WILDCARD -> wildcard(name.toLowerCase(Locale.ROOT));
        };
    }

    /** Greedy matching that backtracks only to the last {@code *}: enough for globs, and never exponential. */
    private boolean wildcard(String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int starMatch = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starMatch = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++starMatch;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
