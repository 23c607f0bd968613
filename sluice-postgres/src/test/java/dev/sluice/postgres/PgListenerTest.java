package dev.sluice.postgres;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.core.audit.Recorder;
import dev.sluice.core.gateway.Gate;
import dev.sluice.core.gateway.GatewayMetrics;
import dev.sluice.core.gateway.GatewayServices;
import dev.sluice.core.gateway.ListenerSpec;
import dev.sluice.core.gateway.RunningListener;
import dev.sluice.core.policy.Policies;
import dev.sluice.core.session.SessionLimits;
import dev.sluice.core.session.SessionRegistry;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import dev.sluice.postgres.gateway.CollectingAuditLog;
import dev.sluice.postgres.gateway.TestIdentities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a listener says about itself when it starts: one warning when it exposes cleartext tokens to a network. */
class PgListenerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(PgListener.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @TempDir
    Path dir;

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void listenerOnAllInterfacesWithoutTlsWarnsOnce() throws Exception {
        try (RunningListener ignored = start("0.0.0.0", Optional.empty())) {
            assertThat(warnings()).singleElement().asString()
                    .contains("listener pg accepts clients on 0.0.0.0:")
                    .contains("without TLS")
                    .contains("cleartext password");
        }
    }

    @Test
    void loopbackListenerWithoutTlsDoesNotWarn() throws Exception {
        try (RunningListener ignored = start("127.0.0.1", Optional.empty())) {
            assertThat(warnings()).isEmpty();
        }
    }

    @Test
    void listenerOnAllInterfacesWithTlsDoesNotWarn() throws Exception {
        try (RunningListener ignored = start("0.0.0.0", Optional.of(TestCertificates.ec(dir)))) {
            assertThat(warnings()).isEmpty();
        }
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static RunningListener start(String host, Optional<ListenerSpec.TlsFiles> tls) throws Exception {
        CollectingAuditLog audit = new CollectingAuditLog();
        Clock clock = Clock.systemUTC();
        GatewayServices services = new GatewayServices(new TestIdentities(),
                new Gate(connection -> Policies.allowAll(), audit, clock, false), new Recorder(audit, clock),
                new SessionRegistry(SessionLimits.DEFAULTS), GatewayMetrics.NOOP,
                new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 10));
        return new PostgresModule().start(new ListenerSpec("pg", "postgresql", host, 0, tls, false, List.of()),
                services);
    }
}
