package dev.sluice.app.admin;

import dev.sluice.core.approval.Approvals;
import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.identity.Authenticator;
import dev.sluice.core.session.LiveSessions;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the {@code /api/v1} endpoints work with.
 *
 * @param authenticator turns a bearer token (local or OIDC JWT, API key) into an identity
 * @param roles         which groups are admins and reviewers
 * @param approvals     approval requests and access grants; empty when this gateway has none yet (those endpoints
 *                      then answer 503 {@code approvals-unavailable})
 * @param audit         recorded sessions and their events
 * @param live          sessions open on this gateway process
 * @param connections   the configured connection of a name, for access requests
 * @param clock         for "is this grant active now"
 */
public record ApiServices(Authenticator authenticator, AdminRoles roles, Optional<Approvals> approvals,
                          AuditReader audit, LiveSessions live, Function<String, Optional<ConnectionSpec>> connections,
                          Clock clock) {

    public ApiServices {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(roles, "roles");
        approvals = approvals == null ? Optional.empty() : approvals;
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(clock, "clock");
    }
}
