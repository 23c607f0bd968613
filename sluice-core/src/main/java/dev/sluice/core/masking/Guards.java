package dev.sluice.core.masking;

import java.util.Objects;

/**
 * The guards against getting protected data out by other means than reading it (issue section 6).
 *
 * @param inference     protected columns used where their values steer a result without being shown: WHERE,
 *                      JOIN, GROUP BY, ORDER BY, DISTINCT, HAVING ({@code WHERE ssn LIKE '123%'} reveals an SSN
 *                      digit by digit)
 * @param copyOut       statements that copy protected data to places no rule names: CREATE TABLE AS, SELECT INTO,
 *                      INSERT … SELECT, CREATE VIEW, temporary tables
 * @param codeExecution code the gateway cannot see into: DO blocks, function and procedure creation
 */
public record Guards(GuardMode inference, GuardMode copyOut, GuardMode codeExecution) {

    public static final Guards OFF = new Guards(GuardMode.OFF, GuardMode.OFF, GuardMode.OFF);
    public static final Guards DENY = new Guards(GuardMode.DENY, GuardMode.DENY, GuardMode.DENY);

    public Guards {
        Objects.requireNonNull(inference, "inference");
        Objects.requireNonNull(copyOut, "copyOut");
        Objects.requireNonNull(codeExecution, "codeExecution");
    }

    /**
     * The guards for someone who sees raw values: the inference guard protects nothing from them, so it is off;
     * copy-out and code execution stay, because they guard what <em>others</em> could read afterwards.
     */
    public Guards forExempt() {
        return new Guards(GuardMode.OFF, copyOut, codeExecution);
    }
}
