package dev.sluice.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolves secret references so that secrets stay out of the configuration file: {@code ${env:NAME}} reads an
 * environment variable, {@code ${file:PATH}} reads a file (relative to the configuration file; a trailing
 * newline is dropped, as {@code echo pw > file} and Kubernetes/Docker secrets leave one). A reference may sit
 * inside a longer string ({@code postgresql://sluice:${env:PW}@db/sluice}).
 *
 * <p>Messages name the key's variable or file, never a value.
 */
final class SecretReferences {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final int MAX_SECRET_FILE_BYTES = 64 * 1024;

    private final Map<String, String> env;
    private final Path baseDir;

    SecretReferences(Map<String, String> env, Path baseDir) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
    }

    static boolean containsReference(String text) {
        return text.contains("${");
    }

    /**
     * Whether any of {@code text} is written literally rather than referenced. A literal password in the file
     * is what {@code allow_inline_secrets} guards.
     */
    static boolean hasLiteralPart(String text) {
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return from < text.length();
            }
            if (start > from) {
                return true;
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                return true;
            }
            from = end + 1;
        }
    }

    /** {@code text} with every reference replaced by what it refers to. */
    String resolve(String text) throws InvalidValue {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return out.append(text, from, text.length()).toString();
            }
            int end = text.indexOf('}', start);
            if (end < 0) {
                throw new InvalidValue("a '${' reference is not closed with '}'");
            }
            out.append(text, from, start).append(lookUp(text.substring(start + 2, end)));
            from = end + 1;
        }
    }

    private String lookUp(String reference) throws InvalidValue {
        int colon = reference.indexOf(':');
        String kind = colon < 0 ? reference : reference.substring(0, colon);
        String argument = colon < 0 ? "" : reference.substring(colon + 1);
        return switch (kind) {
            case "env" -> environmentVariable(argument);
            case "file" -> secretFile(argument);
            default -> throw new InvalidValue("unknown reference kind '" + kind + "' (use ${env:NAME} or ${file:PATH})");
        };
    }

    private String environmentVariable(String name) throws InvalidValue {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new InvalidValue("'" + name + "' is not an environment variable name (in ${env:NAME})");
        }
        String value = env.get(name);
        if (value == null) {
            throw new InvalidValue("environment variable " + name + " is not set");
        }
        if (value.isEmpty()) {
            throw new InvalidValue("environment variable " + name + " is empty");
        }
        return value;
    }

    private String secretFile(String path) throws InvalidValue {
        if (path.isBlank()) {
            throw new InvalidValue("${file:PATH} needs a path");
        }
        Path file;
        try {
            file = baseDir.resolve(path).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidValue("'" + path + "' is not a valid path (in ${file:PATH})");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SECRET_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidValue("secret file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new InvalidValue("secret file " + file + " is not readable by this process");
        } catch (IOException e) {
            throw new InvalidValue("secret file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_SECRET_FILE_BYTES) {
            throw new InvalidValue("secret file " + file + " is larger than 64KiB; is it the right file?");
        }
        String value = new String(bytes, StandardCharsets.UTF_8).replaceAll("[\r\n]+$", "");
        if (value.isEmpty()) {
            throw new InvalidValue("secret file " + file + " is empty");
        }
        return value;
    }
}
