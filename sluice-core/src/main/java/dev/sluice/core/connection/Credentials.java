package dev.sluice.core.connection;

import java.util.Objects;
import java.util.Optional;

/**
 * The credentials the gateway uses upstream on the client's behalf. The client never sees them.
 *
 * @param username upstream user name
 * @param password upstream password, absent for trust authentication
 */
public record Credentials(String username, Optional<Secret> password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        password = password == null ? Optional.empty() : password;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}
