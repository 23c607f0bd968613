package dev.sluice.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Creates the clinic schema ({@code demo/clinic-schema.sql}) and loads a {@link ClinicDataset} into it in one
 * transaction, with batched inserts (pgjdbc rewrites them into multi-row INSERTs when the connection has
 * {@code reWriteBatchedInserts=true}). All data is synthetic.
 *
 * <p>Rows carry their ids explicitly, so visits can refer to patients without a round trip; the serial sequences
 * are moved past them afterwards so that a demo user's own INSERT still gets a fresh id.
 */
final class ClinicLoader {

    private static final String SCHEMA_RESOURCE = "demo/clinic-schema.sql";
    private static final int BATCH = 500;

    private ClinicLoader() {
    }

    /** Creates the tables on {@code connection} (as its user, who then owns them) and fills them. */
    static void load(Connection connection, ClinicDataset dataset) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute(schemaSql());
            }
            insertProviders(connection, dataset.providers());
            insertPatients(connection, dataset.patients());
            insertVisits(connection, dataset.visits());
            try (Statement after = connection.createStatement()) {
                for (String table : List.of("providers", "patients", "visits")) {
                    after.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                            + "(SELECT coalesce(max(id), 0) + 1 FROM " + table + "), false)");
                }
                after.execute("ANALYZE providers, patients, visits");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static String schemaSql() {
        try (InputStream in = ClinicLoader.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            Objects.requireNonNull(in, "missing resource " + SCHEMA_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
    }

    private static void insertProviders(Connection connection, List<Provider> providers) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO providers (id, name, npi, specialty) VALUES (?, ?, ?, ?)")) {
            int pending = 0;
            for (Provider provider : providers) {
                insert.setInt(1, provider.id());
                insert.setString(2, provider.name());
                insert.setString(3, provider.npi());
                insert.setString(4, provider.specialty());
                pending = addToBatch(insert, pending);
            }
            insert.executeBatch();
        }
    }

    private static void insertPatients(Connection connection, List<Patient> patients) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO patients (id, mrn, first_name, last_name, sex, date_of_birth, ssn, phone, email,
                                      street_address, city, state, zip, insurance, notes, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")) {
            int pending = 0;
            for (Patient patient : patients) {
                insert.setInt(1, patient.id());
                insert.setString(2, patient.mrn());
                insert.setString(3, patient.firstName());
                insert.setString(4, patient.lastName());
                insert.setString(5, patient.sex());
                insert.setObject(6, patient.dateOfBirth());
                insert.setString(7, patient.ssn());
                insert.setString(8, patient.phone());
                insert.setString(9, patient.email());
                insert.setString(10, patient.streetAddress());
                insert.setString(11, patient.city());
                insert.setString(12, patient.state());
                insert.setString(13, patient.zip());
                insert.setString(14, patient.insuranceJson());
                insert.setString(15, patient.notes());
                insert.setObject(16, patient.createdAt());
                pending = addToBatch(insert, pending);
            }
            insert.executeBatch();
        }
    }

    private static void insertVisits(Connection connection, List<Visit> visits) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO visits (id, patient_id, visit_date, provider_name, provider_npi, reason, diagnosis_code,
                                    notes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int pending = 0;
            for (Visit visit : visits) {
                insert.setInt(1, visit.id());
                insert.setInt(2, visit.patientId());
                insert.setObject(3, visit.visitDate());
                insert.setString(4, visit.providerName());
                insert.setString(5, visit.providerNpi());
                insert.setString(6, visit.reason());
                insert.setString(7, visit.diagnosisCode());
                insert.setString(8, visit.notes());
                pending = addToBatch(insert, pending);
            }
            insert.executeBatch();
        }
    }

    private static int addToBatch(PreparedStatement insert, int pending) throws SQLException {
        insert.addBatch();
        if (pending + 1 < BATCH) {
            return pending + 1;
        }
        insert.executeBatch();
        return 0;
    }
}
