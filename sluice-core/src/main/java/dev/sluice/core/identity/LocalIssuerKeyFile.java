package dev.sluice.core.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The local issuer's private key on disk: a JWK set JSON file readable by its owner only.
 *
 * <p>A new key is written to a private temporary file and hard-linked into place, so a reader never sees a
 * half-written key and two processes starting at once end up agreeing on one key. Error texts name the file and
 * the problem, never its content.
 */
final class LocalIssuerKeyFile {

    private static final Logger log = LoggerFactory.getLogger(LocalIssuerKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private LocalIssuerKeyFile() {
    }

    /** Loads the key at {@code file}, creating it first when missing. */
    static ECKey loadOrCreate(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            create(file);
        }
        return load(file);
    }

    private static void create(Path file) throws IOException {
        ECKey key = generate();
        byte[] json = new JWKSet(key).toString(false).getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        Path temp = posix(dir)
                ? Files.createTempFile(dir, ".local-issuer", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".local-issuer", ".tmp", new FileAttribute<?>[0]);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(json));
                channel.force(true);
            }
            try {
                publish(temp, file);
                log.info("created local issuer key {} (kid {})", file, key.getKeyID());
            } catch (FileAlreadyExistsException e) {
                log.info("local issuer key {} was created concurrently; using it", file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Puts the finished file in place without ever replacing one: the first key written wins. */
    private static void publish(Path temp, Path file) throws IOException {
        try {
            Files.createLink(file, temp);
        } catch (UnsupportedOperationException e) {
            Files.move(temp, file); // no hard links on this file system; a plain move also refuses to replace
        }
    }

    private static ECKey load(Path file) throws IOException {
        warnIfLoose(file);
        JWKSet set;
        try {
            set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw unusable(file, "it is not a JWK set");
        }
        if (set.getKeys().size() != 1) {
            throw unusable(file, "it holds " + set.getKeys().size() + " keys, expected exactly one");
        }
        JWK jwk = set.getKeys().getFirst();
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
            throw unusable(file, "the key is not an EC P-256 key");
        }
        if (!ec.isPrivate()) {
            throw unusable(file, "the key has no private part");
        }
        if (ec.getKeyID() == null) {
            try {
                ec = new ECKey.Builder(ec).keyIDFromThumbprint().build();
            } catch (JOSEException e) {
                throw unusable(file, "no key id could be derived from its thumbprint");
            }
        }
        return ec;
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK cannot generate an EC P-256 key", e);
        }
    }

    private static void warnIfLoose(Path file) throws IOException {
        if (!posix(file.toAbsolutePath().getParent())) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("local issuer key {} is accessible to other users ({}); run chmod 600 on it", file,
                    PosixFilePermissions.toString(permissions));
        }
    }

    private static boolean posix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static IOException unusable(Path file, String why) {
        return new IOException("local issuer key file " + file + " is not usable: " + why);
    }
}
