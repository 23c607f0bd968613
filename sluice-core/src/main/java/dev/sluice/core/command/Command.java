package dev.sluice.core.command;

/**
 * What a client asked for, in protocol-neutral terms. Protocol modules build these from their wire messages;
 * policies, masking and audit only ever see this.
 *
 * <p>Sealed so that each new kind (shell line, HTTP request) forces every consumer to say how it handles it.
 */
public sealed interface Command permits SqlCommand {

    /** The command as it may be written to the audit log: literals and secrets already removed. */
    String auditText();
}
