package dev.sluice.core.policy.rules;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.ProtectedData;
import dev.sluice.core.session.SessionContext;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds sessions, commands and policies for rule tests: real SQL through the gateway's analyser. */
final class Judging {

    /** A Monday, 14:30 UTC. */
    static final Instant MONDAY_AFTERNOON = Instant.parse("2025-03-03T14:30:00Z");

    static final ParsingSqlAnalyzer ANALYZER =
            new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1_000, Duration.ofSeconds(60));

    /** Protects the table {@code patients} (a stand-in for the masking policy). */
    static final ProtectedData PATIENTS_PROTECTED =
            statement -> statement.tablesRead().contains("patients") || statement.tablesWritten().contains("patients");

    private Judging() {
    }

    static SqlCommand sql(String text) {
        return new SqlCommand(text, ANALYZER.analyze(text), List.of());
    }

    static Identity person(String subject, String... groups) {
        return new Identity(subject, subject.toUpperCase(), Set.of(groups), Identity.Proof.OIDC_TOKEN,
                "https://idp.example.org");
    }

    static SessionContext session(Identity who) {
        ConnectionSpec clinic = new ConnectionSpec("clinic", "postgresql", "pg",
                new Target("db.internal", 5432, "clinic", TlsMode.DISABLE, Optional.empty()),
                new Credentials("app", Optional.empty()), new AccessList(Set.of(), Set.of("dev")), "prod");
        return new SessionContext("s-1", "postgresql", who, clinic, "10.0.0.7:50000", "psql", MONDAY_AFTERNOON);
    }

    static SessionContext alice() {
        return session(person("alice", "dev"));
    }

    static Condition when(String cel) {
        try {
            return Condition.compile(cel);
        } catch (InvalidCondition e) {
            throw new AssertionError("does not compile: " + cel + ": " + e.getMessage(), e);
        }
    }

    static Rule rule(String name, String cel, RuleAction action) {
        return new Rule(name, cel == null ? Condition.ALWAYS : when(cel), action, "");
    }

    static RulePolicy policy(Rule... rules) {
        return policy(ProtectedData.NONE, Clock.fixed(MONDAY_AFTERNOON, ZoneOffset.UTC), ZoneOffset.UTC, rules);
    }

    static RulePolicy policy(ProtectedData protectedData, Clock clock, ZoneId zone, Rule... rules) {
        return new RulePolicy(new RuleSet("prod", zone, Arrays.asList(rules)), protectedData, clock);
    }

    static RulePolicy presets(ProtectedData protectedData, String... names) {
        return new RulePolicy(new RuleSet("prod", ZoneOffset.UTC, Arrays.stream(names)
                .flatMap(name -> Presets.rules(Presets.Choice.of(name)).stream()).toList()), protectedData,
                Clock.fixed(MONDAY_AFTERNOON, ZoneOffset.UTC));
    }

    /** The deciding rule's name, "allow", or "allow+w1,w2" for warnings. */
    static String outcome(Decision decision) {
        return switch (decision) {
            case Decision.Deny deny -> "deny:" + deny.rule();
            case Decision.Review review -> "review:" + review.rule();
            case Decision.Allow allow -> allow.warnings().isEmpty() ? "allow"
                    : "allow+" + String.join(",", allow.warnings());
        };
    }
}
