package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.PgFrame;

/**
 * The seam every upstream message passes on its way to the client, after the relay has attributed it to a command
 * and before it is written. Masking plugs in here: it sees RowDescription before the DataRows it describes, and the
 * mask plan of the command the message answers. One filter serves one session (it may keep per-statement state) and
 * is called from the session's upstream thread only.
 */
@FunctionalInterface
public interface ClientBoundFilter {

    /**
     * @param frame a message from the upstream
     * @param plan  the plan of the command the message answers; {@link MaskPlan#NONE} for messages no command owns
     *              (notices, notifications, parameter changes, protocol bookkeeping)
     * @return the frame to send (the same instance to pass it unchanged), or {@code null} to send nothing
     */
    PgFrame filter(PgFrame frame, MaskPlan plan);

    /**
     * The plan a command of this session runs under, given the one its decision carried: a masking filter insists
     * on its own (the session's masking applies to every command it forwards, approved reviews included).
     */
    default MaskPlan plan(SqlCommand command, MaskPlan decided) {
        return decided;
    }

    /**
     * The masking rules that fired on the results of the command that ran under {@code plan} since the last call,
     * forgotten as they are returned: the session records them when the command completes.
     */
    default java.util.Set<String> rulesFired(MaskPlan plan) {
        return java.util.Set.of();
    }

    ClientBoundFilter PASS_THROUGH = (frame, plan) -> frame;
}
