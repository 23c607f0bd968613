package dev.sluice.postgres.session;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A run-time parameter (GUC) a client asks to set as its session starts: a startup parameter such as
 * {@code search_path=app}, or a {@code -c name=value} inside {@code options}.
 *
 * @param name  as the client wrote it (PostgreSQL's names are case-insensitive)
 * @param value the value as sent; not secret, but it is only ever shown to the upstream and the analyser
 */
record StartupSetting(String name, String value) {

    /**
     * What PostgreSQL accepts as a parameter name: an identifier, or dotted identifiers for an extension's
     * ({@code auto_explain.log_min_duration}). Anything else cannot name a parameter, and must not reach the SET
     * command the gate judges, where it could read as more than a name.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)*");

    StartupSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The name in the one spelling PostgreSQL means by all of them. */
    String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    boolean hasValidName() {
        return NAME.matcher(name).matches();
    }

    /**
     * The setting as the SQL that does the same in a running session, which is what the gate judges: a policy that
     * forbids {@code SET role} forbids {@code -c role=admin} at startup alike. The value is a standard string
     * literal (quotes doubled; backslashes are literal in PostgreSQL's standard strings).
     */
    String asSql() {
        return "SET " + key() + " TO '" + value.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return "StartupSetting[" + name + "]";
    }
}
