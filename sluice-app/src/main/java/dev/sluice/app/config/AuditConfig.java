package dev.sluice.app.config;

/**
 * Audit settings.
 *
 * @param failClosed when true, a command's response is held until its audit event is durably written, and the
 *                   command fails if the audit log cannot be written; when false the gateway keeps serving and
 *                   reports the audit failure
 */
public record AuditConfig(boolean failClosed) {

    public static final AuditConfig DEFAULTS = new AuditConfig(false);
}
