package dev.sluice.app.config;

/**
 * Audit settings.
 *
 * @param failClosed when true, a command is sent upstream only once its decision event is durably written, and is
 *                   denied if the audit log cannot write it; completion and session events are written in the
 *                   background either way. When false, decision events are written in the background too, and the
 *                   gateway keeps serving and counts any event it could not write
 */
public record AuditConfig(boolean failClosed) {

    public static final AuditConfig DEFAULTS = new AuditConfig(false);
}
