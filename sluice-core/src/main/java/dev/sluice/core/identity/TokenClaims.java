package dev.sluice.core.identity;

import com.nimbusds.jwt.JWTClaimsSet;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads subject, display name and groups out of a verified claims set, as an {@link IssuerSpec} describes. */
final class TokenClaims {

    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final List<String> DISPLAY_NAME_FALLBACKS = List.of("preferred_username", "email");

    private TokenClaims() {
    }

    static Identity toIdentity(JWTClaimsSet claims, IssuerSpec spec) throws AuthenticationException {
        Map<String, Object> all = claims.getClaims();
        String subject = text(resolve(all, spec.subjectClaim()));
        if (subject == null) {
            throw new AuthenticationException("token has no subject");
        }
        return new Identity(subject, displayName(all, spec), groups(resolve(all, spec.groupsClaim())), spec.proof(),
                spec.issuer());
    }

    /**
     * Finds a claim by name, or by a dotted path into nested objects. The literal name wins, because URL-shaped
     * claim names ({@code https://example.com/roles}) contain dots too.
     */
    static Object resolve(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> object)) {
                return null;
            }
            current = object.get(part);
        }
        return current;
    }

    /** An array of strings, or one string listing groups separated by spaces or commas; absent means none. */
    static Set<String> groups(Object value) throws AuthenticationException {
        Set<String> groups = new LinkedHashSet<>();
        switch (value) {
            case null -> { }
            case String text -> addSplit(text, groups);
            case Collection<?> items -> {
                for (Object item : items) {
                    if (!(item instanceof String text)) {
                        throw new AuthenticationException("token groups claim holds a value that is not a string");
                    }
                    // Array items are taken whole: an LDAP-style group name ("cn=ops,ou=groups") contains commas.
                    if (!text.isBlank()) {
                        groups.add(text.strip());
                    }
                }
            }
            default -> throw new AuthenticationException("token groups claim is neither a string nor an array");
        }
        return groups;
    }

    private static String displayName(Map<String, Object> claims, IssuerSpec spec) {
        String configured = text(resolve(claims, spec.displayNameClaim()));
        if (configured != null) {
            return configured;
        }
        for (String fallback : DISPLAY_NAME_FALLBACKS) {
            String candidate = text(resolve(claims, fallback));
            if (candidate != null) {
                return candidate;
            }
        }
        return null; // Identity falls back to the subject
    }

    private static void addSplit(String text, Set<String> into) {
        for (String group : GROUP_SEPARATORS.split(text.strip())) {
            if (!group.isEmpty()) {
                into.add(group);
            }
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
