package dev.sluice.app.demo;

import dev.sluice.core.connection.Secret;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the superuser does once on a fresh demo server: create the login role the gateway uses upstream and the
 * {@code clinic} database it owns. Everything inside the database is then created by that role itself, so it
 * owns every table.
 */
final class ClinicProvisioning {

    private ClinicProvisioning() {
    }

    static void createRoleAndDatabase(Connection superuser, String role, Secret password, String database)
            throws SQLException {
        try (Statement sql = superuser.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            // pgjdbc computes the SCRAM-SHA-256 verifier here and sends only that: the password itself never
            // travels in SQL text, so it cannot surface in a server log line.
            char[] chars = password.reveal().toCharArray();
            try {
                superuser.unwrap(PGConnection.class).alterUserPassword(role, chars, "scram-sha-256");
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
            sql.execute("CREATE DATABASE " + database + " OWNER " + role);
            sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        }
    }
}
