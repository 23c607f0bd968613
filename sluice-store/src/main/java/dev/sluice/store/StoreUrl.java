package dev.sluice.store;

import dev.sluice.core.connection.Secret;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the store lives, parsed from the URL the operator configures. The password of a PostgreSQL URL is held
 * as a {@link Secret} and kept out of the JDBC URL, so it never reaches a log line, an exception or
 * {@code toString()}.
 */
sealed interface StoreUrl {

    /** The URL with its password replaced by {@code ***}: the only form that may be shown. */
    String redacted();

    /** Replaces any occurrence of this URL's password in a text, as a last guard before it is shown. */
    String scrub(String text);

    /**
     * Parses {@code sqlite:/path/to/sluice.db}, {@code postgresql://user:pass@host:port/db?params} (also
     * {@code postgres://} and {@code jdbc:postgresql://}). User and password may be percent-encoded, or given as
     * {@code user=}/{@code password=} query parameters.
     */
    static StoreUrl parse(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return Sqlite.of(trimmed.substring("jdbc:sqlite:".length()));
        }
        if (lower.startsWith("sqlite:")) {
            return Sqlite.of(trimmed.substring("sqlite:".length()));
        }
        for (String prefix : List.of("jdbc:postgresql://", "postgresql://", "postgres://")) {
            if (lower.startsWith(prefix)) {
                return Postgres.of(trimmed.substring(prefix.length()));
            }
        }
        int colon = trimmed.indexOf(':');
        String scheme = colon > 0 ? trimmed.substring(0, colon) : "(none)";
        // Only the scheme is echoed: the rest may hold a password.
        throw new IllegalArgumentException("unsupported store URL scheme '" + scheme
                + "'; use sqlite:/path/to/sluice.db or postgresql://user:password@host:port/database");
    }

    /** An SQLite database file. */
    record Sqlite(Path file) implements StoreUrl {

        public Sqlite {
            Objects.requireNonNull(file, "file");
        }

        static Sqlite of(String path) {
            if (path.isBlank() || path.contains(":memory:") || path.startsWith("file:")) {
                throw new IllegalArgumentException(
                        "an SQLite store needs a file path (sqlite:/path/to/sluice.db); in-memory databases are not supported");
            }
            return new Sqlite(Path.of(path).toAbsolutePath().normalize());
        }

        String jdbcUrl() {
            return "jdbc:sqlite:" + file;
        }

        @Override
        public String redacted() {
            return "sqlite:" + file;
        }

        @Override
        public String scrub(String text) {
            return text;
        }

        @Override
        public String toString() {
            return redacted();
        }
    }

    /**
     * A PostgreSQL database.
     *
     * @param jdbcUrl  {@code jdbc:postgresql://hosts/db?params}, without user or password
     * @param user     the user name; empty to let the driver choose
     * @param password the password; empty when none was given
     */
    record Postgres(String jdbcUrl, String user, Secret password) implements StoreUrl {

        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        /** @param rest the URL after {@code scheme://} */
        static Postgres of(String rest) {
            String query = "";
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            String user = "";
            String password = "";
            int at = rest.lastIndexOf('@'); // a raw '@' in a password still parses: the host follows the last one
            if (at >= 0) {
                String userInfo = rest.substring(0, at);
                rest = rest.substring(at + 1);
                int colon = userInfo.indexOf(':');
                user = percentDecode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
                password = colon >= 0 ? percentDecode(userInfo.substring(colon + 1)) : "";
            }
            if (rest.isBlank() || rest.startsWith("/")) {
                throw new IllegalArgumentException("a PostgreSQL store URL needs a host: postgresql://user:password@host:port/database");
            }
            List<String> kept = new ArrayList<>();
            for (String param : query.split("&")) {
                if (param.isEmpty()) {
                    continue;
                }
                int eq = param.indexOf('=');
                String key = (eq >= 0 ? param.substring(0, eq) : param).toLowerCase(Locale.ROOT);
                String value = eq >= 0 ? percentDecode(param.substring(eq + 1)) : "";
                switch (key) {
                    case "user" -> user = user.isEmpty() ? value : user;
                    case "password" -> password = password.isEmpty() ? value : password;
                    case "logservererrordetail" -> throw new IllegalArgumentException("a store URL may not set "
                            + "logServerErrorDetail: Sluice keeps server error details, which can quote row values, "
                            + "out of its messages");
                    default -> kept.add(param);
                }
            }
            String jdbcUrl = "jdbc:postgresql://" + rest + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
            return new Postgres(jdbcUrl, user, Secret.of(password));
        }

        @Override
        public String redacted() {
            String userInfo = user.isEmpty() ? "" : user + (password.isEmpty() ? "" : ":***") + "@";
            return "postgresql://" + userInfo + jdbcUrl.substring("jdbc:postgresql://".length());
        }

        @Override
        public String scrub(String text) {
            if (text == null || password.isEmpty()) {
                return text;
            }
            return text.replace(password.reveal(), "***");
        }

        @Override
        public String toString() {
            return redacted();
        }

        /** RFC 3986 percent-decoding; unlike {@code URLDecoder}, a {@code +} stays a plus. */
        private static String percentDecode(String s) {
            if (s.indexOf('%') < 0) {
                return s;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int i = 0;
            while (i < s.length()) {
                if (s.charAt(i) == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                    bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 3;
                } else {
                    int cp = s.codePointAt(i);
                    bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                    i += Character.charCount(cp);
                }
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        private static boolean isHex(char c) {
            return Character.digit(c, 16) >= 0;
        }
    }
}
