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
 * admin:                         optional; without listen the admin port and API are off
 *   listen: 127.0.0.1:9090       host:port; port 0 picks a free port
 *   admin_groups: [sluice-admins]        may do everything in /api/v1; default [sluice-admins]; [] for nobody
 *   reviewer_groups: [sluice-reviewers]  may list, show, approve and reject requests and read sessions;
 *                                default [sluice-reviewers]; [] for nobody
 *   public_url: https://...      the admin API as people reach it (links in notifications); http(s), no query;
 *                                default http://LISTEN
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
 *     access:                    required; at least one group or user, or jit
 *       groups: [dev, oncall]
 *       users: [alice@example.com]
 *       jit:                     optional: others may ask for time-boxed access (sluice access request)
 *         requesters: [contractors]   who may ask; default anyone the gateway can identify
 *         approvers: [oncall-leads]   who may approve; default any reviewer
 *         min_approvals: 1       1..10, default 1
 *         max_window: 8h         longest grant one may ask for; 1m..30d, default 8h
 *         on_expiry: end         end | continue: what open sessions do when the grant ends; default end
 *     policy: default            a policy of policies:, or 'default' (the default): allow all unless defined
 * store: sqlite                  sqlite (data_dir/sluice.db, the default) | sqlite:PATH |
 *                                postgresql://USER:${env:PW}@HOST:5432/DB?sslmode=verify-full
 * audit:
 *   fail_closed: false           true: a command runs only once its decision event is durable, and is denied
 *                                when it cannot be written (completion and session events are written in the
 *                                background either way); default false
 * notifications:                 optional: webhooks that announce approval requests (rules name them in notify:)
 *   webhooks:
 *     - name: slack-dba          required, unique, [a-z0-9-]+
 *       url: https://...         required: https (plain http only to 127.0.0.1 or [::1]), no user@, no #fragment;
 *                                may be ${env:NAME} or ${file:PATH} (a Slack webhook URL is a credential); never
 *                                shown beyond scheme://host:port
 *       format: json             json | slack; default json
 *       secret: ${env:KEY}       HMAC-SHA256 key for X-Sluice-Signature; ${env:NAME} or ${file:PATH}; a literal
 *                                needs allow_inline_secrets; required for json, optional for slack
 *       timeout: 5s              per attempt (connect, status and headers); 100ms..1m, default 5s
 *       max_attempts: 5          1..20, default 5; connection errors, 5xx and 429 are retried, other 4xx not
 * policies:                      optional: rules connections are judged by (connections[].policy)
 *   - name: prod                 required, unique, [A-Za-z0-9_-]+; 'default' replaces the built-in allow-all
 *     timezone: Europe/Berlin    zone of time.hour/minute/weekday/date; default UTC
 *     presets: [destructive-ddl] destructive-ddl, unbounded-write, privilege-changes, dangerous-functions,
 *                                bulk-export; or {preset: NAME, action, message, approvers, min_approvals,
 *                                timeout, notify} to override the preset's defaults; tried after rules
 *     rules:                     tried in order, before the presets
 *       - name: drop-needs-dba   required, unique within the policy (presets' rules are named after the preset)
 *         when: 'statement.kind == "DROP"'   CEL, must be a bool, compiled at load; default: always matches
 *         action: review         required: allow | deny | review | warn
 *         message: ask a DBA     shown to the client and reviewers; default names the rule
 *         approvers: [dba]       review only; default any reviewer
 *         min_approvals: 2       review only; 1..10, default 1
 *         timeout: 10m           review only; 1s..1d, default 5m
 *         notify: [slack-dba]    review only; names of notifications.webhooks
 *     masking:                   optional: what the policy's connections get masked and guarded (MaskingSection)
 *       preset: phi-strict       optional; its rules come after columns, its guards deny
 *       key: ${env:MASKING_KEY}  ${env:NAME} or ${file:PATH}, at least 32 bytes; needed by hmac, pseudonym, phi-strict
 *       columns:                 tried in order, before the preset's; the first that names a column decides
 *         - {match: "*.patients.ssn", strategy: partial, keep_last: 4}   schema.table.column globs; json_path
 *       detectors: all           the content net: all | none | list of detector names (custom ones included)
 *       custom_detectors:        optional: [{name, regex | dictionary, context, confidence, case_sensitive}]
 *       on_unknown_lineage: redact   redact | deny
 *       on_undecodable: null     null | deny
 *       exempt_groups: [phi-readers]  see raw values; no inference guard
 *       guards: {inference: deny, copy_out: deny, code_execution: deny}   each off | deny | review; default off
 * allow_inline_secrets: false    tolerate literal passwords and keys (tests and demos only); default false
 * </pre>
 * Rules: each statement of a command is judged; the first matching allow/deny/review rule decides it, warn rules
 * that match are collected; the command gets the strongest decision (deny, review, allow). A statement the
 * gateway cannot analyse matches every deny and review rule that asks about the statement (fail closed). The
 * variables and presets are in {@code docs/configuration.md} and {@link dev.sluice.core.policy.rules.RulePolicy}.
 * A policy's masking guards are judged before its rules ({@link dev.sluice.core.policy.guards.GuardedPolicy}):
 * {@code phi-inference} (protected columns in WHERE, JOIN, GROUP BY, ORDER BY, DISTINCT, HAVING),
 * {@code phi-copy-out} (CREATE TABLE AS, SELECT INTO, INSERT … SELECT, CREATE VIEW, COPY … TO a file or program…
 * reading protected tables) and {@code phi-code-execution} (DO, CREATE FUNCTION/PROCEDURE).
 *
 * <h2>Secrets</h2>
 * {@code ${env:NAME}} is replaced by an environment variable and {@code ${file:PATH}} by a file's content without
 * its trailing newline; either may sit inside a longer string. They are resolved only in
 * {@code credentials.password}, {@code store}, a webhook's {@code url} and {@code secret}, and {@code masking.key},
 * and elsewhere refused.
 * A missing variable or unreadable file is an error naming the key and the variable or file; resolved values become
 * {@link dev.sluice.core.connection.Secret}s and never appear in a message or a {@code toString}.
 */
public final class ConfigLoader {

    /**
     * Whether the upstream credentials ({@code connections[].credentials.password}) and the webhooks' references
     * ({@code notifications.webhooks[].secret} and {@code .url}) are resolved.
     */
    public enum Credentials {
        /** Every secret reference is resolved: what a gateway and {@code sluice config check} need. */
        RESOLVED,
        /**
         * The upstream passwords and webhook keys are not resolved (an inline one is still refused) and are left empty
         * (a referenced webhook URL becomes a placeholder). For the commands that only read the store or sign tokens
         * (an auditor running {@code sluice audit verify} need not hold the database passwords); never for a
         * configuration a gateway will run with.
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
