package dev.sluice.app;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditLog;
import dev.sluice.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice audit verify} proves an untouched chain and names the first event someone changed. */
class AuditVerifyCliIT {

    @TempDir
    Path dir;

    @Test
    void verifyPassesOnAnUntouchedLogAndNamesTheFirstTamperedEvent() throws Exception {
        Path db = dir.resolve("audit.db");
        Path config = GatewayConfigFile.write(dir, "store: sqlite:" + db + "\n");
        assertThat(CliRun.of("config", "check", config.toString()).exitCode()).isZero();

        try (Store store = Store.open("sqlite:" + db)) {
            AuditLog log = store.auditLog(true);
            for (int i = 0; i < 5; i++) {
                log.append(new AuditEvent.SessionEnded("s-" + i, Instant.now(), "client-terminate", i, 10, 20));
            }
        }
        CliRun intact = CliRun.of("audit", "verify", "--config", config.toString());
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("5 events verified");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_events_no_update");
            s.executeUpdate("UPDATE audit_events SET payload = replace(payload, 'client-terminate', 'idle-timeout') "
                    + "WHERE seq = 3");
        }
        CliRun broken = CliRun.of("audit", "verify", "--config", config.toString());
        assertThat(broken.exitCode()).isEqualTo(3);
        assertThat(broken.err()).contains("broken at seq 3");
    }
}
