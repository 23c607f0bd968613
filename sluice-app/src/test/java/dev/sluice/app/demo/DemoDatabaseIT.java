package dev.sluice.app.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the real demo PostgreSQL (zonky, PostgreSQL 17) and talks to it with pgjdbc as the gateway would. One
 * shared server serves the read-only checks; the lifecycle checks start their own and stop them.
 */
class DemoDatabaseIT {

    @TempDir
    static Path sharedDataDirectory;

    private static DemoDatabase shared;

    @BeforeAll
    static void startSharedServer() {
        shared = DemoDatabase.start(sharedDataDirectory);
    }

    @AfterAll
    static void stopSharedServer() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void theAppRoleLogsInWithScramAndSeesTheWholeClinic() throws SQLException {
        try (Connection connection = connectAsApp(shared)) {
            assertThat(count(connection, "patients")).isEqualTo(ClinicDataset.STANDARD_PATIENTS);
            assertThat(count(connection, "visits")).isEqualTo(ClinicDataset.STANDARD_VISITS);
            assertThat(count(connection, "providers")).isEqualTo(ClinicDataset.PROVIDERS);
            assertThat(single(connection, "SELECT current_user")).isEqualTo("sluice_app");
            assertThat(single(connection, "SELECT current_database()")).isEqualTo("clinic");
            assertThat(single(connection, "SELECT system_user")).isEqualTo("scram-sha-256:sluice_app");
        }
    }

    @Test
    void theServerInsistsOnScram() throws Exception {
        List<String> rules = Files.readAllLines(
                        sharedDataDirectory.resolve(DemoDatabase.DIRECTORY_NAME).resolve("pg_hba.conf")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(rules).isNotEmpty().allSatisfy(rule -> assertThat(rule).startsWith("host ").endsWith(" scram-sha-256"));
        try (Connection connection = connectAsApp(shared)) {
            assertThat(single(connection, "SHOW password_encryption")).isEqualTo("scram-sha-256");
            assertThat(single(connection, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
        }
        assertThat(Path.of("/tmp", ".s.PGSQL." + shared.port())).as("no Unix-domain socket").doesNotExist();
    }

    @Test
    void aConnectionWithoutAPasswordIsRefused() {
        Properties noPassword = properties(shared.username(), null);

        assertThatThrownBy(() -> DriverManager.getConnection(shared.jdbcUrl(), noPassword).close())
                .isInstanceOf(PSQLException.class)
                .hasMessageContaining("password");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties wrong = properties(shared.username(), "not-the-password");

        assertThatThrownBy(() -> DriverManager.getConnection(shared.jdbcUrl(), wrong).close())
                .isInstanceOf(PSQLException.class)
                .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void theSuperuserCannotLogInWithoutItsPassword() {
        Properties superuser = properties("postgres", null);

        assertThatThrownBy(() -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + shared.port() + "/postgres", superuser).close())
                .isInstanceOf(PSQLException.class);
    }

    @Test
    void theAppRoleOwnsTheClinicButIsNoSuperuser() throws SQLException {
        try (Connection connection = connectAsApp(shared)) {
            assertThat(single(connection,
                    "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'"))
                    .isEqualTo("sluice_app");
            assertThat(single(connection, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'clinic'"))
                    .isEqualTo("sluice_app");
            assertThat(single(connection, "SELECT rolsuper::text FROM pg_roles WHERE rolname = 'sluice_app'"))
                    .isEqualTo("false");
        }
    }

    @Test
    void theLoadedRowsAreTheGeneratedOnes() throws SQLException {
        Patient first = ClinicDataset.standard().patients().getFirst();
        Visit firstVisit = ClinicDataset.standard().visits().getFirst();
        try (Connection connection = connectAsApp(shared);
             Statement sql = connection.createStatement();
             ResultSet patient = sql.executeQuery("""
                     SELECT mrn, ssn, date_of_birth, notes, insurance->>'member_id', created_at
                     FROM patients WHERE id = 1""")) {
            assertThat(patient.next()).isTrue();
            assertThat(patient.getString(1)).isEqualTo(first.mrn());
            assertThat(patient.getString(2)).isEqualTo(first.ssn());
            assertThat(patient.getObject(3, java.time.LocalDate.class)).isEqualTo(first.dateOfBirth());
            assertThat(patient.getString(4)).isEqualTo(first.notes());
            assertThat(patient.getString(5)).isEqualTo(first.insurance().memberId());
            assertThat(patient.getObject(6, java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(first.createdAt().toInstant());
        }
        try (Connection connection = connectAsApp(shared)) {
            assertThat(single(connection, "SELECT provider_npi FROM visits WHERE id = 1"))
                    .isEqualTo(firstVisit.providerNpi());
        }
    }

    @Test
    void storedSsnsAndNpisAreWellFormed() throws SQLException {
        try (Connection connection = connectAsApp(shared)) {
            assertThat(single(connection, """
                    SELECT count(*)::text FROM patients
                    WHERE ssn !~ '^(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}$'"""))
                    .isEqualTo("0");
            List<String> npis = new ArrayList<>();
            try (Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT DISTINCT provider_npi FROM visits")) {
                while (rows.next()) {
                    npis.add(rows.getString(1));
                }
            }
            assertThat(npis).isNotEmpty().allSatisfy(npi -> assertThat(SyntheticIdentifiers.isValidNpi(npi)).isTrue());
        }
    }

    @Test
    void insertsAfterTheLoadGetFreshIds() throws SQLException {
        try (Connection connection = connectAsApp(shared)) {
            connection.setAutoCommit(false);
            assertThat(single(connection, """
                    INSERT INTO providers (name, npi, specialty) VALUES ('Test Person, MD', '1234567893', 'Test')
                    RETURNING id::text""")).isEqualTo(Integer.toString(ClinicDataset.PROVIDERS + 1));
            connection.rollback();
        }
    }

    @Test
    void closeStopsTheServerAndRemovesItsData(@TempDir Path dataDirectory) throws SQLException {
        DemoDatabase database = DemoDatabase.start(dataDirectory);
        long pid = database.postmasterPid();
        try (Connection connection = connectAsApp(database)) {
            assertThat(count(connection, "patients")).isEqualTo(ClinicDataset.STANDARD_PATIENTS);
        }
        assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(Postmaster.hasEnded(p)).isFalse());

        database.close();

        assertThat(ProcessHandle.of(pid).filter(p -> !Postmaster.hasEnded(p))).isEmpty();
        assertThatThrownBy(() -> connectAsApp(database).close()).isInstanceOf(PSQLException.class);
        assertThat(dataDirectory.resolve(DemoDatabase.DIRECTORY_NAME)).doesNotExist();
        database.close(); // a second close is harmless
    }

    @Test
    void eachStartMintsANewPasswordOnTheGivenPort(@TempDir Path dataDirectory) throws SQLException {
        int port = LoopbackPorts.free();
        String firstPassword;
        try (DemoDatabase first = DemoDatabase.start(dataDirectory, port)) {
            assertThat(first.port()).isEqualTo(port);
            firstPassword = first.password().reveal();
        }
        try (DemoDatabase second = DemoDatabase.start(dataDirectory, port)) {
            assertThat(second.password().reveal()).isNotEqualTo(firstPassword);
            try (Connection connection = connectAsApp(second)) {
                assertThat(count(connection, "visits")).isEqualTo(ClinicDataset.STANDARD_VISITS);
            }
            Properties stale = properties(second.username(), firstPassword);
            assertThatThrownBy(() -> DriverManager.getConnection(second.jdbcUrl(), stale).close())
                    .isInstanceOf(PSQLException.class);
        }
    }

    @Test
    void aDirectoryInUseByARunningDemoIsLeftAlone() throws SQLException {
        assertThatThrownBy(() -> DemoDatabase.start(sharedDataDirectory))
                .isInstanceOf(DemoDatabaseException.class)
                .hasMessageContaining("another sluice demo");
        try (Connection connection = connectAsApp(shared)) {
            assertThat(count(connection, "providers")).isEqualTo(ClinicDataset.PROVIDERS);
        }
    }

    @Test
    void aServerLeftBehindByAKilledRunIsStopped(@TempDir Path dataDirectory) throws Exception {
        // what a killed `sluice demo` leaves: a postmaster running in the cluster directory, nobody holding it
        Path cluster = dataDirectory.resolve(DemoDatabase.DIRECTORY_NAME);
        EmbeddedPostgres leftover = EmbeddedPostgres.builder().setDataDirectory(cluster).setCleanDataDirectory(true)
                .start();
        ProcessHandle postmaster = Postmaster.of(cluster).orElseThrow();
        try {
            Postmaster.stopLeftover(cluster, Duration.ofSeconds(15));

            assertThat(Postmaster.hasEnded(postmaster)).isTrue();
        } finally {
            // releases zonky's lock; its pg_ctl stop finds no server and would log that with a stack trace
            Logger zonky = (Logger) LoggerFactory.getLogger(EmbeddedPostgres.class);
            Level level = zonky.getLevel();
            zonky.setLevel(Level.OFF);
            try {
                leftover.close();
            } finally {
                zonky.setLevel(level);
            }
        }
    }

    @Test
    void aPortInUseIsReportedAtOnce(@TempDir Path dataDirectory) {
        assertThatThrownBy(() -> DemoDatabase.start(dataDirectory, shared.port()))
                .isInstanceOf(DemoDatabaseException.class)
                .hasMessageContaining("in use");
    }

    @Test
    void aDirectoryWithForeignFilesIsNotWiped(@TempDir Path dataDirectory) throws Exception {
        Path foreign = Files.createDirectories(dataDirectory.resolve(DemoDatabase.DIRECTORY_NAME))
                .resolve("thesis.tex");
        Files.writeString(foreign, "precious");

        assertThatThrownBy(() -> DemoDatabase.start(dataDirectory)).isInstanceOf(DemoDatabaseException.class);
        assertThat(foreign).hasContent("precious");
    }

    @Test
    void thePasswordDoesNotPrint() {
        assertThat(shared.toString()).doesNotContain(shared.password().reveal());
        assertThat(shared.password().toString()).isEqualTo("***");
    }

    private static Connection connectAsApp(DemoDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(),
                properties(database.username(), database.password().reveal()));
    }

    private static Properties properties(String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("sslmode", "disable");
        return properties;
    }

    private static int count(Connection connection, String table) throws SQLException {
        return Integer.parseInt(single(connection, "SELECT count(*) FROM " + table));
    }

    private static String single(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
