package dev.sluice.app.config;

import dev.sluice.core.identity.IssuerSpec;

import java.util.List;

/**
 * The JWS algorithms an external issuer may be trusted with. Only asymmetric ones: with an HMAC algorithm the
 * verification key is the signing key, so anyone holding the JWKS could mint tokens; {@code none} means no
 * signature at all.
 *
 * <p>Both lists are the identity package's own, so whatever passes {@code sluice config check} is what the gateway
 * verifies at startup.
 */
final class JwsAlgorithms {

    static final List<String> ASYMMETRIC = IssuerSpec.SUPPORTED_ALGORITHMS;
    static final List<String> DEFAULT = IssuerSpec.DEFAULT_ALGORITHMS;
    /** Real asymmetric algorithms the gateway cannot verify yet: named, so the refusal does not read like a typo. */
    private static final List<String> EDWARDS = List.of("EdDSA", "Ed25519", "Ed448");

    private JwsAlgorithms() {
    }

    static ValueParser<String> parser() {
        return Values.string().then(name -> {
            if (ASYMMETRIC.contains(name)) {
                return name;
            }
            if (name.equalsIgnoreCase("none")) {
                throw new InvalidValue("'none' accepts unsigned tokens and is never allowed");
            }
            if (name.toUpperCase(java.util.Locale.ROOT).startsWith("HS")) {
                throw new InvalidValue(name + " is a shared-secret (HMAC) algorithm and is not allowed: "
                        + "use an asymmetric one (" + String.join(", ", ASYMMETRIC) + ")");
            }
            if (EDWARDS.contains(name)) {
                throw new InvalidValue(name + " is not supported by this build (allowed: " + String.join(", ", ASYMMETRIC) + ")");
            }
            throw new InvalidValue("unknown JWS algorithm '" + name + "' (allowed: " + String.join(", ", ASYMMETRIC) + ")");
        });
    }
}
