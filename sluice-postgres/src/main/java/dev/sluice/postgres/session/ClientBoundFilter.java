package dev.sluice.postgres.session;

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

    ClientBoundFilter PASS_THROUGH = (frame, plan) -> frame;
}
