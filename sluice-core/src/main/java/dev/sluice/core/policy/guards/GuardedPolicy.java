package dev.sluice.core.policy.guards;

import dev.sluice.core.command.Command;
import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.masking.Guards;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.session.SessionContext;

import java.util.Objects;

/**
 * A policy's rules behind its masking policy's guards (issue 3, section 6): ways of getting protected data out
 * other than reading it, which column masking alone cannot stop.
 *
 * <ul>
 *   <li>{@value #INFERENCE}: a protected column used to pick, match or order rows (WHERE, JOIN, GROUP BY,
 *       ORDER BY, DISTINCT, HAVING): {@code WHERE ssn LIKE '1%'} reveals a masked value one guess at a time.</li>
 *   <li>{@value #COPY_OUT}: protected data copied or moved where no masking rule names it (CREATE TABLE AS,
 *       SELECT INTO, INSERT … SELECT, CREATE [MATERIALIZED] VIEW, temporary tables, COPY … TO a server file or
 *       program, …), from where it would later be read unmasked.</li>
 *   <li>{@value #CODE_EXECUTION}: DO blocks and CREATE FUNCTION / PROCEDURE: code that runs inside the database can
 *       read protected data and return it in any shape.</li>
 * </ul>
 * What each guard matches, exactly, is on {@link StatementGuards}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>The guards in force are {@link MaskingPolicy#guardsFor} the identity's groups: a member of an exempt group
 *       has no inference guard (they see the raw values anyway) but keeps the other two, which protect what others
 *       would read later.</li>
 *   <li>Every statement of a command is judged by every guard that is on, before the rules and whatever they say:
 *       a rule cannot allow what a guard refuses. A statement trips at most one guard: the first, in the order
 *       code execution, copy-out, inference, among those with the strongest mode (deny over review).</li>
 *   <li>The command's decision: the strongest trip over its statements (the first statement with it names the
 *       guard). A {@code deny} trip decides the command without asking the rules. A {@code review} trip holds the
 *       command unless the rules deny it (a denial is stronger). No trip: the rules decide.</li>
 *   <li>A review trip asks any reviewer for one approval, with {@link Decision.Review#DEFAULT_TIMEOUT}.</li>
 *   <li>A guard that fails while judging (a bug) counts as tripped: fail closed.</li>
 * </ul>
 * Guards are built into the policy rather than written as CEL rules: they need the statement's syntax tree and the
 * masking policy's column rules, which CEL conditions do not see.
 */
public final class GuardedPolicy implements Policy {

    /** The rule name of the inference guard, as decisions and the audit log show it. */
    public static final String INFERENCE = "phi-inference";
    /** The rule name of the copy-out guard. */
    public static final String COPY_OUT = "phi-copy-out";
    /** The rule name of the code-execution guard. */
    public static final String CODE_EXECUTION = "phi-code-execution";

    private final String policyName;
    private final MaskingPolicy masking;
    private final Policy rules;
    private final StatementGuards guards;

    private GuardedPolicy(String policyName, MaskingPolicy masking, Policy rules) {
        this.policyName = policyName;
        this.masking = masking;
        this.rules = rules;
        this.guards = new StatementGuards(masking);
    }

    /**
     * The rules behind the masking policy's guards; the rules alone when every guard is off (or nothing is
     * protected).
     *
     * @param policyName the policy's name, for messages ("… is not allowed under policy prod")
     */
    public static Policy of(String policyName, MaskingPolicy masking, Policy rules) {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(masking, "masking");
        Objects.requireNonNull(rules, "rules");
        if (allOff(masking.guards()) || !masking.protectsAnything()) {
            return rules;
        }
        return new GuardedPolicy(policyName, masking, rules);
    }

    @Override
    public Decision decide(SessionContext session, Command command) {
        Guards inForce = masking.guardsFor(session.identity().groups());
        if (allOff(inForce)) {
            return rules.decide(session, command);
        }
        GuardTrip strongest = switch (command) {
            case SqlCommand sql -> strongestTrip(sql, inForce);
        };
        if (strongest == null) {
            return rules.decide(session, command);
        }
        if (strongest.mode() == GuardMode.DENY) {
            return strongest.decision(policyName);
        }
        Decision ruled = rules.decide(session, command);
        return ruled instanceof Decision.Deny ? ruled : strongest.decision(policyName);
    }

    private GuardTrip strongestTrip(SqlCommand command, Guards inForce) {
        GuardTrip strongest = null;
        for (SqlStatement statement : command.statements()) {
            GuardTrip trip = guards.judge(statement, inForce);
            if (trip != null && trip.strongerThan(strongest)) {
                strongest = trip;
                if (trip.mode() == GuardMode.DENY) {
                    break; // nothing is stronger
                }
            }
        }
        return strongest;
    }

    private static boolean allOff(Guards guards) {
        return guards.inference() == GuardMode.OFF && guards.copyOut() == GuardMode.OFF
                && guards.codeExecution() == GuardMode.OFF;
    }

    @Override
    public String toString() {
        return "GuardedPolicy[" + policyName + ", " + masking.guards() + ", " + rules + "]";
    }
}
