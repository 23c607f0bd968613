package dev.sluice.core.policy;

import dev.sluice.core.command.Command;
import dev.sluice.core.session.SessionContext;

/** Decides about one command in one session. Implementations are pure: no I/O, no audit (the Gate records). */
@FunctionalInterface
public interface Policy {

    Decision decide(SessionContext session, Command command);
}
