package dev.sluice.app.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Loads and validates the gateway's YAML configuration file. Every problem is collected and reported at once, each
 * as {@code file:line:col: key.path: message}; unknown keys are errors (with a "did you mean" when one is close);
 * a file with any problem yields no configuration, and the gateway refuses to start.
 *
 * <h2>Reference</h2>
 * Relative paths are relative to the configuration file's directory. Durations: {@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 1h}, {@code 1d} (combinable: {@code 1h30m}); {@code 0} means zero. Sizes: bytes or
 * {@code 512KiB}, {@code 64MiB}, {@code 1GiB}. Lists of names accept a single value without brackets.
 * <pre>
 * gateway:                       optional section
 *   data_dir: ./data             state directory; default ./data
 *   shutdown_grace: 30s          how long sessions may finish on shutdown; 0..1h, default 30s
 *   limits:
 *     max_sessions: 2000         1..1000000, default 2000
 *     max_sessions_per_identity: 100   1..max_sessions, default min(100, max_sessions)
 *     idle_timeout: 30m          0 disables; up to 30d; default 30m
 *     statement_timeout: 0       0 disables; up to 1d; default 0
 *     max_message_size: 64MiB    largest client message; 1KiB..1GiB, default 64MiB
 * admin:                         optional; without listen the admin API is off
 *   listen: 127.0.0.1:9090       host:port; port 0 picks a free port
 * listeners:                     required, at least one
 *   - name: pg                   required, unique, [a-z0-9-]+
 *     protocol: postgresql       required; one of the protocols this build speaks
 *     listen: 127.0.0.1:6432     required host:port ([::1]:6432 for IPv6); two listeners may not share an address
 *     tls:                       optional: serve TLS to clients
 *       cert: cert.pem           required PEM chain; must exist and be readable
 *       key: key.pem             required PEM (PKCS#8) key; must exist and be readable
 *       required: false          refuse clients that do not negotiate TLS (FATAL 28000, like hostssl);
 *                                default false; only with cert and key. Without TLS on a non-loopback
 *                                address the gateway logs a warning: tokens would cross the network in clear
 * identity:                      optional section
 *   local_issuer:                the gateway's own tokens (sluice token)
 *     enabled: true              default true
 *     issuer: sluice-local       default sluice-local
 *     audience: sluice           default sluice
 *     max_ttl: 24h               1m..30d, default 24h
 *   issuers:                     external OIDC issuers, optional list
 *     - name: okta               required, unique, [A-Za-z0-9_-]+, not 'local' (the local issuer's name)
 *       issuer: https://...      required http(s) URL, the exact iss claim; unique, and not the local issuer's
 *       jwks_uri: https://...    required: an https URL (plain http only to 127.0.0.1 or [::1]), or a local JWKS
 *                                file as a path or file: URI (must be readable)
 *       audience: [sluice]       required, one value or a list
 *       groups_claim: groups     default groups
 *       username_claim: sub      default sub
 *       algorithms: [RS256]      default [RS256, ES256, PS256]; RS/PS/ES 256/384/512 only (HS* and none
 *                                refused; EdDSA is not supported by this build)
 *       clock_skew: 60s          0..5m, default 60s
 *   api_keys:
 *     enabled: true              default true
 * connections:                   required, at least one
 *   - name: clinic               required, unique, [A-Za-z0-9_-]+; what clients send as the database name
 *     type: postgresql           required; must match the listener's protocol
 *     listener: pg               required; must name a listener
 *     target:                    required
 *       host: 127.0.0.1          required (no scheme, no port)
 *       port: 5432               1..65535; default the protocol's port (postgresql 5432)
 *       database: clinic         required
 *       tls: verify-full         required: disable | require | verify-full
 *       ca_file: ca.pem          only with verify-full; must be readable; default the JDK trust store
 *     credentials:               required
 *       username: sluice_app     required
 *       password: ${env:PW}      optional; ${env:NAME} or ${file:PATH}; a literal needs allow_inline_secrets
 *     access:                    required; at least one group or user
 *       groups: [dev, oncall]
 *       users: [alice@example.com]
 *     policy: default            default 'default' (allow all); the only policy so far
 * store: sqlite                  sqlite (data_dir/sluice.db, the default) | sqlite:PATH |
 *                                postgresql://USER:${env:PW}@HOST:5432/DB?sslmode=verify-full
 * audit:
 *   fail_closed: false           true: a command runs only once its decision event is durable, and is denied
 *                                when it cannot be written (completion and session events are written in the
 *                                background either way); default false
 * allow_inline_secrets: false    tolerate literal passwords (tests and demos only); default false
 * </pre>
 *
 * <h2>Secrets</h2>
 * {@code ${env:NAME}} is replaced by an environment variable and {@code ${file:PATH}} by a file's content without
 * its trailing newline; either may sit inside a longer string. They are resolved only in
 * {@code credentials.password} and {@code store}, and elsewhere refused. A missing variable or unreadable file is
 * an error naming the key and the variable or file; resolved values become
 * {@link dev.sluice.core.connection.Secret}s and never appear in a message or a {@code toString}.
 */
public final class ConfigLoader {

    /** Whether the upstream credentials ({@code connections[].credentials.password}) are resolved. */
    public enum Credentials {
        /** Every secret reference is resolved: what a gateway and {@code sluice config check} need. */
        RESOLVED,
        /**
         * The upstream passwords are not resolved (an inline one is still refused) and are left empty. For the commands that only
         * read the store or sign tokens (an auditor running {@code sluice audit verify} need not hold the database
         * passwords); never for a configuration a gateway will run with.
         */
        LEFT_UNRESOLVED
    }

    /** The protocols {@link #load(Path, Map)} accepts when not told otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("postgresql");

    private static final long MAX_FILE_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /** Loads {@code file}, resolving {@code ${env:...}} references from {@code env} (usually {@link System#getenv()}). */
    public static GatewayConfig load(Path file, Map<String, String> env) throws ConfigException {
        return load(file, env, DEFAULT_PROTOCOLS);
    }

    /**
     * As {@link #load(Path, Map)}, accepting the given protocol names for listeners and connection types (pass the
     * protocol registry's names so that a new protocol module needs no change here).
     */
    public static GatewayConfig load(Path file, Map<String, String> env, Collection<String> protocols)
            throws ConfigException {
        return load(file, env, protocols, Credentials.RESOLVED);
    }

    /** As {@link #load(Path, Map, Collection)}, resolving the upstream credentials or not. */
    public static GatewayConfig load(Path file, Map<String, String> env, Collection<String> protocols,
                                     Credentials credentials) throws ConfigException {
        return fromString(readFile(file), file, env, protocols, credentials);
    }

    /** Validates {@code yaml} as if it were the content of {@code pretendFile} (relative paths start at its directory). */
    public static GatewayConfig fromString(String yaml, Path pretendFile, Map<String, String> env)
            throws ConfigException {
        return fromString(yaml, pretendFile, env, DEFAULT_PROTOCOLS);
    }

    public static GatewayConfig fromString(String yaml, Path pretendFile, Map<String, String> env,
                                           Collection<String> protocols) throws ConfigException {
        return fromString(yaml, pretendFile, env, protocols, Credentials.RESOLVED);
    }

    private static GatewayConfig fromString(String yaml, Path pretendFile, Map<String, String> env,
                                            Collection<String> protocols, Credentials credentials)
            throws ConfigException {
        Problems problems = new Problems();
        Path absolute = pretendFile.toAbsolutePath().normalize();
        var config = YamlTreeReader.read(yaml, problems)
                .flatMap(root -> GatewayConfigReader.read(root, absolute, env, List.copyOf(protocols), credentials,
                        problems));
        if (config.isEmpty() || !problems.isEmpty()) {
            throw new ConfigException(pretendFile.toString(), problems.all());
        }
        return config.get();
    }

    private static String readFile(Path file) throws ConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw fileProblem(file, "is a directory, not a configuration file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw fileProblem(file, "is larger than 1MiB; is it the right file?");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fileProblem(file, "no such file");
        } catch (AccessDeniedException e) {
            throw fileProblem(file, "not readable by this process (permission denied)");
        } catch (CharacterCodingException e) {
            throw fileProblem(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw fileProblem(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ConfigException fileProblem(Path file, String message) {
        return new ConfigException(file.toString(), List.of(new ConfigProblem(0, 0, "", message)));
    }
}
