package dev.sluice.app.config;

import java.util.List;

/**
 * The JWS algorithms an external issuer may be trusted with. Only asymmetric ones: with an HMAC algorithm the
 * verification key is the signing key, so anyone holding the JWKS could mint tokens; {@code none} means no
 * signature at all.
 */
final class JwsAlgorithms {

    static final List<String> ASYMMETRIC = List.of(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA");
    static final List<String> DEFAULT = List.of("RS256", "ES256");

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
            throw new InvalidValue("unknown JWS algorithm '" + name + "' (allowed: " + String.join(", ", ASYMMETRIC) + ")");
        });
    }
}
