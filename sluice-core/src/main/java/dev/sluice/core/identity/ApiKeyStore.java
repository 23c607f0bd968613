package dev.sluice.core.identity;

import java.util.List;
import java.util.Optional;

/** Persistence for API keys; implemented by the store module. */
public interface ApiKeyStore {

    void save(ApiKeyRecord key);

    Optional<ApiKeyRecord> find(String keyId);

    List<ApiKeyRecord> list();

    /** @return true when a key with that id existed */
    boolean revoke(String keyId);
}
