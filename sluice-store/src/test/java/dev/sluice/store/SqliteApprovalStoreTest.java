package dev.sluice.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteApprovalStoreTest extends ApprovalStoreContract {

    @TempDir
    Path dir;

    @Override
    protected String newStoreUrl() {
        return Store.defaultUrl(dir.resolve("data"));
    }
}
