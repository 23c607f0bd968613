package dev.sluice.core.identity;

import java.util.Objects;

/**
 * A freshly created API key: the full key text, shown to its owner exactly once, and the record that was stored
 * (which holds only a hash of the secret). {@code toString} never prints the key.
 *
 * @param key    the full key, {@code slk_<keyId>_<secret>}; a bearer secret
 * @param record what the store keeps
 */
public record IssuedApiKey(String key, ApiKeyRecord record) {

    public IssuedApiKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }

    public String keyId() {
        return record.keyId();
    }

    @Override
    public String toString() {
        return "IssuedApiKey[keyId=" + record.keyId() + ", subject=" + record.subject() + ", key=***]";
    }
}
