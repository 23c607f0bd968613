package dev.sluice.core.policy;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.phi.TextScrubber;

import java.util.List;
import java.util.Objects;

/**
 * How to mask what a command returns: the connection's masking policy, the content net every text value passes
 * through, and the command's statements as the gate judged them (for SQL lineage of expression columns). The protocol
 * session builds it per command for a session under a masking policy whose identity is not exempt;
 * {@link #NONE} passes results through unchanged.
 *
 * @param masksAnything whether anything of the results must be looked at (column rules, or the content net)
 * @param policy        the connection's masking policy ({@link MaskingPolicy#NONE} when nothing is masked)
 * @param net           the content net: every text value that leaves passes through it
 * @param statements    the command's statements, in order, as analysed when it was judged
 * @param text          the command's text as the client sent it (a protocol module reads options the analysis
 *                      normalises away, such as a COPY's delimiter). It may hold row values: never log or store it
 */
public record MaskPlan(boolean masksAnything, MaskingPolicy policy, TextScrubber net, List<SqlStatement> statements,
                       String text) {

    public static final MaskPlan NONE = new MaskPlan(false);

    public MaskPlan {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(net, "net");
        statements = List.copyOf(statements);
        Objects.requireNonNull(text, "text");
    }

    /**
     * A plan that says only whether it masks: no policy, no net, no statements. A protocol module that masks under
     * such a plan treats every column as of unknown origin in a statement it cannot see into (tests, placeholders).
     */
    public MaskPlan(boolean masksAnything) {
        this(masksAnything, MaskingPolicy.NONE, TextScrubber.NONE, List.of(), "");
    }

    /** A plan that masks the results of {@code command} under {@code policy}, with {@code net} as the content net. */
    public static MaskPlan of(MaskingPolicy policy, TextScrubber net, SqlCommand command) {
        return new MaskPlan(true, policy, net, command.statements(), command.text());
    }

    /** The statement a result of this command answers, or null when out of range (then: unknown, fail closed). */
    public SqlStatement statement(int index) {
        return index >= 0 && index < statements.size() ? statements.get(index) : null;
    }

    /** Names the policy and counts only: statements may hold literal values. */
    @Override
    public String toString() {
        return masksAnything ? "MaskPlan[" + policy + ", statements=" + statements.size() + "]" : "MaskPlan.NONE";
    }
}
