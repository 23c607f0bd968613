package dev.sluice.postgres.session;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.frontend.Close;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The extended protocol's names, as the client thread sees them: statement name → the Parse's decision, and portal
 * name → the statement it was bound from. Execute looks its command up here, so each execution is recorded under the
 * command id of the Parse that the gate judged (pgjdbc binds a named statement many times after one Parse).
 *
 * <p>This map only attributes; it never decides. Whatever text runs upstream was judged when it was parsed, so a name
 * this map got wrong (say after SQL-level {@code DEALLOCATE}) costs audit precision, not enforcement.
 */
final class PreparedStatements {

    /** What the gate said when the statement was parsed. */
    record Prepared(String commandId, MaskPlan maskPlan, String outcome) {
        Prepared {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(maskPlan, "maskPlan");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    private record Portal(String statement, Prepared prepared) {
    }

    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();

    /** A Parse was forwarded. A later Parse of the same name replaces it (after DISCARD ALL, say). */
    void parsed(String statement, Prepared prepared) {
        statements.put(statement, prepared);
    }

    /**
     * A Parse was refused. PostgreSQL drops the unnamed statement as a Parse for it begins, even one that fails; a
     * named statement that already existed stays.
     */
    void parseRefused(String statement) {
        if (statement.isEmpty()) {
            statements.remove(statement);
        }
    }

    /** A Bind was forwarded: the portal now runs that statement (a new Bind replaces an unnamed portal). */
    void bound(String portal, String statement) {
        Prepared prepared = statements.get(statement);
        if (prepared == null) {
            portals.remove(portal);
        } else {
            portals.put(portal, new Portal(statement, prepared));
        }
    }

    /** The decision behind a portal; empty for a portal of a statement prepared outside the protocol (SQL PREPARE). */
    Optional<Prepared> portal(String portal) {
        Portal p = portals.get(portal);
        return p == null ? Optional.empty() : Optional.of(p.prepared());
    }

    Optional<Prepared> statement(String statement) {
        return Optional.ofNullable(statements.get(statement));
    }

    /** A Close was forwarded. Closing a statement closes the portals made from it. */
    void closed(Close close) {
        switch (close.target()) {
            case STATEMENT -> {
                statements.remove(close.name());
                portals.values().removeIf(p -> p.statement().equals(close.name()));
            }
            case PORTAL -> portals.remove(close.name());
        }
    }
}
