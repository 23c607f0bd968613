package dev.sluice.core.identity;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * Reads a JWK set from a local file each time the cache in front of it asks, so a key rotated on disk is picked
 * up the same way a rotated JWKS endpoint is: on expiry of the cache or on a token naming an unknown {@code kid}.
 */
final class FileJwkSetSource implements JWKSetSource<SecurityContext> {

    /** A JWK set is a few kilobytes; a huge file is a mistake, not a key set. */
    private static final long MAX_BYTES = 512 * 1024;

    private final Path path;

    FileJwkSetSource(Path path) {
        this.path = path;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        String json;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new JWKSetUnavailableException("JWK set file " + path + " is larger than " + MAX_BYTES + " bytes");
            }
            json = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JWKSetUnavailableException("JWK set file " + path + " could not be read: " + e.getClass().getSimpleName(), e);
        }
        try {
            return JWKSet.parse(json).toPublicJWKSet();
        } catch (ParseException e) {
            // The parser's message may quote the file; keep it out of the text.
            throw new KeySourceException("JWK set file " + path + " is not a valid JWK set");
        }
    }

    @Override
    public void close() {
        // nothing held open
    }
}
