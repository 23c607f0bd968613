package dev.sluice.app.admin;

/** Who may call an admin endpoint. */
enum Access {
    /** Anyone who can reach the port: probes, metrics, public keys, the API description. */
    PUBLIC,
    /** Any caller with a valid bearer token; the endpoint may narrow further (own requests only). */
    AUTHENTICATED,
    /** Members of a reviewer group or an admin group. */
    REVIEWER,
    /** Members of an admin group. */
    ADMIN;

    /** The OpenAPI document names each operation's role with this word ({@code x-sluice-access}). */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
