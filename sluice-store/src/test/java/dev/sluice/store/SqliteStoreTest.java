package dev.sluice.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;

    private Path file;

    @Override
    protected String newStoreUrl() {
        file = dir.resolve("data").resolve("sluice.db");
        return Store.defaultUrl(dir.resolve("data"));
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    protected void allowTampering(Statement raw) throws SQLException {
        raw.execute("DROP TRIGGER audit_events_no_update");
        raw.execute("DROP TRIGGER audit_events_no_delete");
    }

    @Override
    protected void makeAuditWritesFail(Statement raw) throws SQLException {
        raw.execute("CREATE TRIGGER test_refuses_writes BEFORE INSERT ON audit_events "
                + "BEGIN SELECT RAISE(ABORT, 'audit writes refused by the test'); END");
    }

    @Override
    protected void allowAuditWrites(Statement raw) throws SQLException {
        raw.execute("DROP TRIGGER test_refuses_writes");
    }

    @Test
    void theDefaultUrlIsAnSqliteFileInTheDataDirectory() {
        assertThat(Store.defaultUrl(Path.of("/var/lib/sluice"))).isEqualTo("sqlite:/var/lib/sluice/sluice.db");
    }

    @Test
    void openingCreatesTheFileAndItsDirectoryInWalMode() throws Exception {
        try (Store store = Store.open(url)) {
            assertThat(Files.exists(file)).isTrue();
            assertThat(store).hasToString("Store[sqlite:" + file + "]");
        }
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement();
             ResultSet mode = sql.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void flywayRecordsTheSqliteMigrations() throws Exception {
        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().verify().intact()).isTrue();
        }
        try (Connection raw = rawConnection()) {
            assertThat(count(raw, "SELECT count(*) FROM flyway_schema_history WHERE success = 1")).isEqualTo(2);
        }
    }

    @Test
    void anUnparseableTimeIsReportedAtItsSeq() throws Exception {
        try (Store store = Store.open(url)) {
            var auditLog = store.auditLog(false);
            for (int i = 0; i < 3; i++) {
                auditLog.append(TestEvents.decided("s-1", TestEvents.T0, "c" + i));
            }
        }
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
            allowTampering(sql);
            sql.executeUpdate("UPDATE audit_events SET at = 'yesterday' WHERE seq = 2");
        }

        try (Store store = Store.open(url)) {
            var result = store.auditReader().verify();

            assertThat(result.firstBrokenSeq()).hasValue(2);
            assertThat(result.problem()).isEqualTo("unreadable time at seq 2");
        }
    }
}
