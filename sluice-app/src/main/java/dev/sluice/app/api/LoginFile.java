package dev.sluice.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file {@code sluice login} keeps its {@link SavedLogin} in: {@code $SLUICE_HOME/credentials.json}, or
 * {@code ~/.config/sluice/credentials.json} without {@code SLUICE_HOME}. The token is a bearer secret, so the file is
 * created readable by its owner only (0600) in a directory Sluice creates owner-only (0700), and is replaced
 * atomically: a reader never sees half a file, and the token never sits in a file with wider permissions.
 */
public final class LoginFile {

    public static final String FILE_NAME = "credentials.json";
    /** Sluice's configuration directory for the CLI; overrides {@code ~/.config/sluice}. */
    public static final String HOME_VARIABLE = "SLUICE_HOME";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    public LoginFile(Path file) {
        this.file = file;
    }

    /** Where the login is kept for this environment. */
    public static LoginFile locate(Map<String, String> environment, Path userHome) {
        String home = environment.get(HOME_VARIABLE);
        Path directory = home != null && !home.isBlank()
                ? Path.of(home)
                : userHome.resolve(".config").resolve("sluice");
        return new LoginFile(directory.resolve(FILE_NAME));
    }

    public Path path() {
        return file;
    }

    /**
     * @return the saved login; empty when there is none
     * @throws IOException when the file exists but cannot be read or is not a saved login
     */
    public Optional<SavedLogin> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a valid credentials file");
        }
        String server = node == null ? "" : node.path("server").asText("");
        String token = node == null ? "" : node.path("token").asText("");
        if (server.isBlank() || token.isBlank()) {
            throw new IOException(file + " is not a valid credentials file");
        }
        try {
            return Optional.of(new SavedLogin(ServerUrl.parse(server), token));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " names an invalid server: " + e.getMessage());
        }
    }

    /** Replaces the saved login. */
    public void write(SavedLogin login) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(directory)) {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } else {
                Files.createDirectories(directory);
            }
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("server", login.server().toString());
        node.put("token", login.token());
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(directory, ".credentials-", ".tmp", ownerOnly);
        try {
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @return whether there was a login to remove */
    public boolean delete() throws IOException {
        return Files.deleteIfExists(file);
    }

    /** Whether the saved login is for {@code server} (a token is only ever sent where it was saved for). */
    public static boolean isFor(SavedLogin login, URI server) {
        return ServerUrl.normalize(login.server()).equals(ServerUrl.normalize(server));
    }
}
