package dev.sluice.app.config;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Shared inputs for the configuration tests. */
final class TestConfigs {

    /** A distinctive password: if it ever shows up in a message or toString, a test sees it. */
    static final String DB_PASSWORD = "Xq7-distinctive-S3cret";
    static final Map<String, String> ENV = Map.of("CLINIC_DB_PASSWORD", DB_PASSWORD);
    static final Path FILE = Path.of("sluice.yaml");

    /**
     * The smallest valid configuration. Tests change one line with {@link String#replace} and assert on the line
     * number they changed, so keep the line structure:
     * <pre>
     *  1 listeners:            7 type            13 tls            17 access:
     *  2 - name: pg            8 listener        14 credentials:   18 groups: [dev]
     *  3 protocol              9 target:         15 username
     *  4 listen               10 host            16 password
     *  5 connections:         11 port
     *  6 - name: clinic       12 database
     * </pre>
     */
    static final String MINIMAL = """
            listeners:
              - name: pg
                protocol: postgresql
                listen: 127.0.0.1:6432
            connections:
              - name: clinic
                type: postgresql
                listener: pg
                target:
                  host: 127.0.0.1
                  port: 5432
                  database: clinic
                  tls: disable
                credentials:
                  username: sluice_app
                  password: ${env:CLINIC_DB_PASSWORD}
                access:
                  groups: [dev]
            """;

    private TestConfigs() {
    }

    static GatewayConfig load(String yaml) throws ConfigException {
        return ConfigLoader.fromString(yaml, FILE, ENV);
    }

    /** The message of the {@link ConfigException} that {@code yaml} must cause. */
    static String problems(String yaml) {
        return problems(yaml, ENV);
    }

    static String problems(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.fromString(yaml, FILE, env));
        assertThat(e).as("configuration should have been refused").isNotNull();
        return e.getMessage();
    }

    /** A file under src/test/resources/config. */
    static Path resource(String name) {
        try {
            return Path.of(TestConfigs.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
