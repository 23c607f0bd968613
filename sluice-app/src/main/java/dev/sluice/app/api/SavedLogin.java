package dev.sluice.app.api;

import java.net.URI;
import java.util.Objects;

/**
 * What {@code sluice login} keeps for later commands: the admin API's address and the bearer token for it.
 *
 * @param server the admin API's base URL, without a trailing slash
 * @param token  the bearer token; never printed ({@link #toString()} leaves it out)
 */
public record SavedLogin(URI server, String token) {

    public SavedLogin {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "SavedLogin[server=" + server + ", token=***]";
    }
}
