package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;

/**
 * Parses values that are secrets. A secret belongs in the environment or a secret file, not in a configuration
 * file that ends up in version control, tickets and backups: a literal one is refused unless
 * {@code allow_inline_secrets: true} (tests and demos). No message here ever quotes the value.
 */
final class Secrets {

    static final String INLINE_REFUSED = "a password written into the configuration file is refused: "
            + "use ${env:NAME} or ${file:PATH} (allow_inline_secrets: true permits it, for tests and demos only)";

    static final String INLINE_KEY_REFUSED = "a secret written into the configuration file is refused: "
            + "use ${env:NAME} or ${file:PATH} (allow_inline_secrets: true permits it, for tests and demos only)";

    private Secrets() {
    }

    static ValueParser<Secret> password(ReadContext context) {
        return reference(context, INLINE_REFUSED);
    }

    /**
     * A key the gateway signs with (a webhook's HMAC secret): the same rules as a password, and like the upstream
     * passwords it is left unresolved under {@link ConfigLoader.Credentials#LEFT_UNRESOLVED}.
     */
    static ValueParser<Secret> signingKey(ReadContext context) {
        return reference(context, INLINE_KEY_REFUSED);
    }

    private static ValueParser<Secret> reference(ReadContext context, String inlineRefused) {
        return node -> {
            String raw = Values.scalar(node, "a string").text();
            if (!context.allowInlineSecrets() && SecretReferences.hasLiteralPart(raw)) {
                throw new InvalidValue(inlineRefused);
            }
            if (context.credentials() == ConfigLoader.Credentials.LEFT_UNRESOLVED) {
                return Secret.of(""); // never used: see ConfigLoader.Credentials
            }
            return Secret.of(context.secrets().resolve(raw));
        };
    }
}
