package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Where the gateway keeps its state (audit log, API keys, approvals). */
public sealed interface StoreConfig {

    /** Safe to print: never contains a password. */
    String describe();

    /**
     * The store URL in the form {@code dev.sluice.store.Store.open(String)} takes ({@code sqlite:/abs/path} or
     * {@code postgresql://user:password@host:port/db?params}, user and password percent-encoded). A
     * {@link Secret} because it may hold the password.
     */
    Secret url();

    /**
     * The embedded default: one SQLite file.
     *
     * @param file the database file ({@code <data_dir>/sluice.db} unless configured)
     */
    record Sqlite(Path file) implements StoreConfig {
        public Sqlite {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Secret url() {
            return Secret.of("sqlite:" + file);
        }

        @Override
        public String describe() {
            return "sqlite:" + file;
        }
    }

    /**
     * A shared PostgreSQL database, for several gateway replicas.
     *
     * @param host       server host
     * @param port       server port
     * @param database   database name
     * @param username   user to log in as; empty for the driver's default
     * @param password   password, resolved from its {@code ${env:...}}/{@code ${file:...}} reference
     * @param parameters further connection parameters from the URL's query ({@code sslmode=verify-full})
     */
    record Postgres(String host, int port, String database, Optional<String> username, Optional<Secret> password,
                    Map<String, String> parameters) implements StoreConfig {

        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            username = username == null ? Optional.empty() : username;
            password = password == null ? Optional.empty() : password;
            parameters = Map.copyOf(parameters);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public Secret url() {
            String user = username.map(StoreConfig.Postgres::encode).orElse("");
            String secret = password.map(p -> ":" + encode(p.reveal())).orElse("");
            String userInfo = user.isEmpty() && secret.isEmpty() ? "" : user + secret + "@";
            String query = new TreeMap<>(parameters).entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return Secret.of("postgresql://" + userInfo + hostPort() + "/" + encode(database)
                    + (query.isEmpty() ? "" : "?" + query));
        }

        @Override
        public String describe() {
            String user = username.map(u -> u + (password.isPresent() ? ":***" : "") + "@").orElse("");
            return "postgresql://" + user + hostPort() + "/" + database;
        }

        private String hostPort() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString() {
            return "Postgres[" + describe() + "]";
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
