package dev.sluice.core.identity;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;

import java.util.LinkedHashSet;
import java.util.List;
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

    /**
     * The algorithms common identity providers sign with (Keycloak, Entra ID, Okta, Auth0, Google, Dex), in the
     * order a configuration shows them. The configuration's default too: one list, so the two cannot drift.
     */
    static final List<String> DEFAULTS = List.of("RS256", "ES256", "PS256");

    /** Every algorithm a configuration may name: RSA PKCS#1 v1.5, RSA-PSS and ECDSA, all verified by the JDK. */
    static final List<String> SUPPORTED = List.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    /**
     * Edwards-curve signatures are asymmetric and would be welcome, but Nimbus's JWT processor has no EdDSA
     * verifier or key conversion (Google Tink would not change that); until Sluice verifies them itself they are
     * refused with a message of their own rather than accepted and never matched.
     */
    static final Set<String> EDWARDS = Set.of("EdDSA", "Ed25519", "Ed448");

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
            if (EDWARDS.contains(algorithm.getName())) {
                throw new IllegalArgumentException("algorithm " + algorithm.getName()
                        + " is not supported by this build; use one of " + String.join(", ", SUPPORTED));
            }
            if (!SUPPORTED.contains(algorithm.getName())) {
                throw new IllegalArgumentException("algorithm " + name.strip() + " is not supported; use one of "
                        + String.join(", ", SUPPORTED));
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
