package dev.sluice.core.policy.rules;

import java.util.List;

/**
 * A rule condition that does not compile: a CEL syntax error, an unknown name or a type error. The message is
 * CEL's, with its position in the expression; it quotes nothing but the expression itself.
 */
public final class InvalidCondition extends Exception {

    /**
     * One problem.
     *
     * @param line    1-based line within the expression
     * @param column  1-based column within that line
     * @param message what is wrong
     */
    public record Issue(int line, int column, String message) {
    }

    private final transient List<Issue> issues;

    InvalidCondition(List<Issue> issues) {
        super(describe(issues), null, false, false);
        this.issues = List.copyOf(issues);
    }

    /** Every problem CEL reported, in order (at least one). */
    public List<Issue> issues() {
        return issues;
    }

    private static String describe(List<Issue> issues) {
        StringBuilder text = new StringBuilder();
        for (Issue issue : issues) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(issue.message()).append(issue.line() == 1 ? " (at column " : " (at line " + issue.line()
                    + ", column ").append(issue.column()).append(" of the expression)");
        }
        return text.toString();
    }
}
