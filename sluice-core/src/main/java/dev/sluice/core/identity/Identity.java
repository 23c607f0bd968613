package dev.sluice.core.identity;

import java.util.Objects;
import java.util.Set;

/**
 * Who is on the other end of a session, as proven to the gateway.
 *
 * @param subject     stable identifier from the proof (JWT {@code sub}, API key owner)
 * @param displayName human-readable name where the proof carries one, else the subject
 * @param groups      group memberships the access lists and policies match against
 * @param proof       how the identity was proven
 * @param issuer      who vouched for it (JWT {@code iss}, {@code sluice-local}, {@code sluice-api-key})
 */
public record Identity(String subject, String displayName, Set<String> groups, Proof proof, String issuer) {

    /** How a caller proved who they are. */
    public enum Proof { OIDC_TOKEN, LOCAL_TOKEN, API_KEY }

    public Identity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(proof, "proof");
        Objects.requireNonNull(issuer, "issuer");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        displayName = displayName == null || displayName.isBlank() ? subject : displayName;
        groups = Set.copyOf(groups == null ? Set.of() : groups);
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
