package dev.sluice.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a small but complete gateway configuration into a test directory: one PostgreSQL listener on a free port,
 * one connection whose upstream password comes from a file, the store in {@code ./data}. Tests add sections of
 * their own ({@code identity:}, {@code store:}). Nothing here needs a running upstream until a client is admitted
 * to the connection.
 */
final class GatewayConfigFile {

    /** Token groups the connection admits. */
    static final String ADMITTED_GROUP = "dev";

    private GatewayConfigFile() {
    }

    /** @return the written {@code sluice.yaml} */
    static Path write(Path dir, String moreSections) throws IOException {
        Files.writeString(dir.resolve("upstream-password"), "not-used-by-these-tests");
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, """
                gateway:
                  data_dir: ./data
                listeners:
                  - name: pg
                    protocol: postgresql
                    listen: 127.0.0.1:0
                connections:
                  - name: clinic
                    type: postgresql
                    listener: pg
                    target: { host: 127.0.0.1, port: 5432, database: clinic, tls: disable }
                    credentials: { username: app, password: "${file:upstream-password}" }
                    access: { groups: [%s] }
                """.formatted(ADMITTED_GROUP) + moreSections);
        return file;
    }
}
