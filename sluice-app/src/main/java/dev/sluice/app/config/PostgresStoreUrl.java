package dev.sluice.app.config;

import dev.sluice.core.connection.Secret;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a libpq-style store URL, {@code postgresql://USER:PASSWORD@HOST:PORT/DB?param=value}, into
 * {@link StoreConfig.Postgres}.
 *
 * <p>The structure is parsed before references are resolved: a resolved password may hold {@code @}, {@code /} or
 * {@code :}, and a {@code ${file:/run/secrets/pw}} reference holds slashes itself. So references are first swapped
 * for opaque placeholders, the URL is split, and each part is resolved on its own. Literal parts are
 * percent-decoded as in libpq; resolved values are taken as they are. No message quotes the URL.
 */
final class PostgresStoreUrl {

    private static final char MARK = '\u0000';

    private final List<String> references = new ArrayList<>();
    private final ReadContext context;

    private PostgresStoreUrl(ReadContext context) {
        this.context = context;
    }

    static StoreConfig.Postgres parse(String url, ReadContext context) throws InvalidValue {
        return new PostgresStoreUrl(context).parse(url);
    }

    private StoreConfig.Postgres parse(String url) throws InvalidValue {
        String text = hideReferences(url.substring(url.indexOf("://") + 3));
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = text.indexOf('?');
        if (query >= 0) {
            parameters = parameters(text.substring(query + 1));
            text = text.substring(0, query);
        }
        int slash = text.indexOf('/');
        String authority = slash < 0 ? text : text.substring(0, slash);
        String database = slash < 0 ? "" : text.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);

        Optional<String> username = Optional.empty();
        Optional<Secret> password = Optional.empty();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            if (!user.isEmpty()) {
                username = Optional.of(resolve(user));
            }
            if (colon >= 0) {
                String secret = userInfo.substring(colon + 1);
                if (!context.allowInlineSecrets() && SecretReferences.hasLiteralPart(showReferences(secret))) {
                    throw new InvalidValue("the store URL holds a literal password: use ${env:NAME} or ${file:PATH} "
                            + "(allow_inline_secrets: true permits it, for tests and demos only)");
                }
                if (!secret.isEmpty()) {
                    password = Optional.of(Secret.of(resolve(secret)));
                }
            }
        }
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new InvalidValue("the store URL's IPv6 host is missing its ']'");
            }
            host = hostPort.substring(1, close);
            port = hostPort.substring(close + 1);
            if (!port.isEmpty() && !port.startsWith(":")) {
                throw new InvalidValue("the store URL's host is not followed by :PORT");
            }
            port = port.isEmpty() ? "" : port.substring(1);
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon + 1);
        }
        host = resolve(host);
        if (host.isEmpty()) {
            throw new InvalidValue("the store URL has no host (" + shape() + ")");
        }
        int portNumber = 5432;
        if (!port.isEmpty()) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new InvalidValue("the store URL's port must be a number between 1 and 65535");
            }
            portNumber = Integer.parseInt(port);
        }
        database = resolve(database);
        if (database.isEmpty()) {
            throw new InvalidValue("the store URL has no database name (" + shape() + ")");
        }
        return new StoreConfig.Postgres(host, portNumber, database, username, password, parameters);
    }

    private Map<String, String> parameters(String query) throws InvalidValue {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = resolve(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("user") || lower.equals("password")) {
                throw new InvalidValue("put user and password before the host, not in ?" + lower + "= (" + shape() + ")");
            }
            if (lower.contains("password") && !context.allowInlineSecrets()
                    && SecretReferences.hasLiteralPart(showReferences(value))) {
                throw new InvalidValue("the store URL parameter " + name + " holds a literal secret: use ${env:NAME} or ${file:PATH}");
            }
            parameters.put(name, resolve(value));
        }
        return parameters;
    }

    private static String shape() {
        return "postgresql://USER:${env:PW}@HOST:5432/DB";
    }

    /** Replaces each {@code ${...}} by a placeholder that holds none of the URL's delimiters. */
    private String hideReferences(String text) throws InvalidValue {
        StringBuilder out = new StringBuilder();
        int from = 0;
        int start;
        while ((start = text.indexOf("${", from)) >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new InvalidValue("a '${' reference in the store URL is not closed with '}'");
            }
            out.append(text, from, start).append(MARK).append(references.size()).append(MARK);
            references.add(text.substring(start, end + 1));
            from = end + 1;
        }
        return out.append(text, from, text.length()).toString();
    }

    /** The part as written, references restored (for the literal-secret check). */
    private String showReferences(String part) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < part.length()) {
            char c = part.charAt(i);
            if (c == MARK) {
                int close = part.indexOf(MARK, i + 1);
                out.append(references.get(Integer.parseInt(part.substring(i + 1, close))));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Percent-decodes the literal text of a part and substitutes each resolved reference. */
    private String resolve(String part) throws InvalidValue {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < part.length()) {
            int mark = part.indexOf(MARK, i);
            int literalEnd = mark < 0 ? part.length() : mark;
            out.append(percentDecode(part.substring(i, literalEnd)));
            if (mark < 0) {
                break;
            }
            int close = part.indexOf(MARK, mark + 1);
            out.append(context.secrets().resolve(references.get(Integer.parseInt(part.substring(mark + 1, close)))));
            i = close + 1;
        }
        return out.toString();
    }

    private static String percentDecode(String text) throws InvalidValue {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            int literalEnd = percent < 0 ? text.length() : percent;
            bytes.writeBytes(text.substring(i, literalEnd).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            if (percent + 2 >= text.length() || Character.digit(text.charAt(percent + 1), 16) < 0
                    || Character.digit(text.charAt(percent + 2), 16) < 0) {
                throw new InvalidValue("the store URL has an invalid %-escape");
            }
            bytes.write(Character.digit(text.charAt(percent + 1), 16) * 16 + Character.digit(text.charAt(percent + 2), 16));
            i = percent + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
