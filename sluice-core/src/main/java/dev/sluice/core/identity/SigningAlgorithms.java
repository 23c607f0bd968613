package dev.sluice.core.identity;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which JWS algorithms a token may be signed with.
 *
 * <p>Only asymmetric algorithms are ever accepted. An HMAC algorithm would let anyone holding the shared secret
 * mint tokens, and the classic key-confusion attack signs an HS256 token with the issuer's <em>public</em> key
 * as the HMAC secret; {@code none} is no signature at all. Both are refused whatever a configuration says.
 */
final class SigningAlgorithms {

    /** The algorithms common identity providers sign with (Keycloak, Entra ID, Okta, Auth0, Google, Dex). */
    static final Set<String> DEFAULTS = Set.of("RS256", "ES256", "PS256");

    /** Everything the JDK can verify without extra providers; Ed25519 additionally needs Google Tink. */
    private static final Set<JWSAlgorithm> ASYMMETRIC_BUILT_IN = Set.of(
            JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
            JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private static final Set<JWSAlgorithm> EDWARDS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** Names we may repeat in an error text: well-known identifiers, never arbitrary header content. */
    private static final Set<String> KNOWN_NAMES = knownNames();

    private SigningAlgorithms() {
    }

    /**
     * Checks a configured algorithm list.
     *
     * @throws IllegalArgumentException naming the offending algorithm and why it can never be allowed
     */
    static Set<String> validate(Set<String> names) {
        Set<String> checked = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("allowed algorithm names must not be blank");
            }
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name.strip());
            if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) || name.strip().equalsIgnoreCase(Algorithm.NONE.getName())) {
                throw new IllegalArgumentException("algorithm " + name.strip()
                        + " is never accepted: only asymmetric signatures prove who issued a token");
            }
            if (EDWARDS.contains(algorithm) && !tinkPresent()) {
                throw new IllegalArgumentException("algorithm " + algorithm.getName()
                        + " needs com.google.crypto.tink:tink on the classpath to verify Ed25519 signatures");
            }
            if (!ASYMMETRIC_BUILT_IN.contains(algorithm) && !EDWARDS.contains(algorithm)) {
                throw new IllegalArgumentException("algorithm " + name.strip() + " is not supported; use one of "
                        + ASYMMETRIC_BUILT_IN.stream().map(Algorithm::getName).sorted().collect(Collectors.joining(", ")));
            }
            checked.add(algorithm.getName());
        }
        return Set.copyOf(checked);
    }

    static Set<JWSAlgorithm> toJws(Set<String> names) {
        return names.stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
    }

    /** The refusal text for a token signed with an algorithm outside the allowed set. */
    static String notAllowedReason(String headerAlgorithm) {
        return KNOWN_NAMES.contains(headerAlgorithm)
                ? "token algorithm " + headerAlgorithm + " is not allowed"
                : "token algorithm is not allowed";
    }

    private static boolean tinkPresent() {
        try {
            Class.forName("com.google.crypto.tink.subtle.Ed25519Verify", false, SigningAlgorithms.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>();
        for (JWSAlgorithm.Family family : Set.of(JWSAlgorithm.Family.HMAC_SHA, JWSAlgorithm.Family.RSA,
                JWSAlgorithm.Family.EC, JWSAlgorithm.Family.ED)) {
            family.forEach(a -> names.add(a.getName()));
        }
        names.add(JWSAlgorithm.Ed448.getName());
        names.add(Algorithm.NONE.getName());
        return Set.copyOf(names);
    }
}
