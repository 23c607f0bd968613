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

    private Secrets() {
    }

    static ValueParser<Secret> password(ReadContext context) {
        return node -> {
            String raw = Values.scalar(node, "a string").text();
            if (!context.allowInlineSecrets() && SecretReferences.hasLiteralPart(raw)) {
                throw new InvalidValue(INLINE_REFUSED);
            }
            if (context.credentials() == ConfigLoader.Credentials.LEFT_UNRESOLVED) {
                return Secret.of(""); // never used: see ConfigLoader.Credentials
            }
            return Secret.of(context.secrets().resolve(raw));
        };
    }
}
