package dev.sluice.core.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ApiKeyStore} in a map, for tests only; the real one lives in the store module. */
final class InMemoryApiKeyStore implements ApiKeyStore {

    private final Map<String, ApiKeyRecord> keys = new ConcurrentHashMap<>();

    @Override
    public void save(ApiKeyRecord key) {
        keys.put(key.keyId(), key);
    }

    @Override
    public Optional<ApiKeyRecord> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public List<ApiKeyRecord> list() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public boolean revoke(String keyId) {
        ApiKeyRecord existing = keys.get(keyId);
        if (existing == null) {
            return false;
        }
        keys.put(keyId, new ApiKeyRecord(existing.keyId(), existing.subject(), existing.groups(), existing.secretHash(),
                existing.createdAt(), existing.expiresAt(), true));
        return true;
    }
}
