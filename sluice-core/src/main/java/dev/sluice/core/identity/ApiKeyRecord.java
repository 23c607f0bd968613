package dev.sluice.core.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stored API key for a service account or agent. Only a hash of the secret part is kept; the key itself is
 * shown once, when it is created.
 *
 * @param keyId      public identifier embedded in the key (used to look it up)
 * @param subject    the identity subject the key authenticates as
 * @param groups     groups the identity gets
 * @param secretHash lower-case hex SHA-256 of the key's secret part (the ASCII bytes of its 43-character base64url
 *                   text); see {@link ApiKeys} for why a fast hash suffices
 * @param createdAt  creation time
 * @param expiresAt  optional expiry
 * @param revoked    revoked keys never authenticate
 */
public record ApiKeyRecord(String keyId, String subject, Set<String> groups, String secretHash, Instant createdAt,
                           Optional<Instant> expiresAt, boolean revoked) {

    public ApiKeyRecord {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        groups = Set.copyOf(groups);
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    @Override
    public String toString() {
        return "ApiKeyRecord[keyId=" + keyId + ", subject=" + subject + ", groups=" + groups + ", revoked=" + revoked + "]";
    }
}
