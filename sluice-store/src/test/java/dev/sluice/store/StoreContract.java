package dev.sluice.store;

import dev.sluice.core.audit.AuditEvent;
import dev.sluice.core.audit.AuditReader;
import dev.sluice.core.audit.AuditUnavailableException;
import dev.sluice.core.audit.ChainVerification;
import dev.sluice.core.audit.SessionSummary;
import dev.sluice.core.audit.StoredAuditEvent;
import dev.sluice.core.identity.ApiKeyRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

import static dev.sluice.store.TestEvents.T0;
import static dev.sluice.store.TestEvents.completed;
import static dev.sluice.store.TestEvents.decided;
import static dev.sluice.store.TestEvents.ended;
import static dev.sluice.store.TestEvents.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every store must do, whatever the database. {@link SqliteStoreTest} and {@link PostgresStoreIT} run it.
 */
abstract class StoreContract {

    /** Quick retries so failure tests finish fast. */
    static final AuditLogSettings FAST_RETRIES = new AuditLogSettings(1_000, 100, Duration.ofSeconds(2),
            Duration.ofSeconds(30), 2, Duration.ofMillis(10), Duration.ZERO);

    /** The URL of a new, empty store for this test. */
    protected abstract String newStoreUrl() throws Exception;

    /** A plain JDBC connection to the store {@link #newStoreUrl()} last named, bypassing Sluice. */
    protected abstract Connection rawConnection() throws SQLException;

    /** Lifts the append-only guard, as someone with direct database access could. */
    protected abstract void allowTampering(Statement raw) throws SQLException;

    /** Makes every insert into {@code audit_events} fail from now on. */
    protected abstract void makeAuditWritesFail(Statement raw) throws SQLException;

    /** Undoes {@link #makeAuditWritesFail}. */
    protected abstract void allowAuditWrites(Statement raw) throws SQLException;

    /** The kept writer connection is never checked before use: a broken one fails the next group. */
    private static final Duration NEVER_CHECK = Duration.ofDays(1);
    /** The kept writer connection is checked before every group. */
    private static final Duration ALWAYS_CHECK = Duration.ZERO;

    protected String url;

    @BeforeEach
    void newStore() throws Exception {
        url = newStoreUrl();
    }

    @Test
    void concurrentAppendsAndSubmitsFromManyVirtualThreadsFormOneIntactChainWithEveryEventOnce() throws Exception {
        int threads = 32;
        int commandsPerThread = 40;
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String session = "s-" + t;
                    done.add(executor.submit(() -> {
                        auditLog.append(TestEvents.started(session, T0));
                        for (int i = 0; i < commandsPerThread; i++) {
                            AuditEvent event = TestEvents.decided(session, T0.plusMillis(i), session + "/" + i);
                            if (i % 3 == 0) {
                                auditLog.append(event);
                            } else {
                                auditLog.submit(event);
                            }
                        }
                        auditLog.submit(TestEvents.ended(session, T0.plusSeconds(60), commandsPerThread));
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            assertThat(auditLog.lostEvents()).isZero();
        }

        try (Store store = Store.open(url)) {
            AuditReader reader = store.auditReader();
            long total = threads * (commandsPerThread + 2L);
            assertThat(reader.verify()).isEqualTo(ChainVerification.intact(total));
            for (int t = 0; t < threads; t++) {
                String session = "s-" + t;
                List<StoredAuditEvent> events = reader.events(session);
                assertThat(events).extracting(StoredAuditEvent::type).first().isEqualTo("session.start");
                assertThat(events).extracting(StoredAuditEvent::type).last().isEqualTo("session.end");
                List<String> commandIds = events.subList(1, events.size() - 1).stream()
                        .map(TestEvents::commandId).toList();
                assertThat(commandIds).as("every command of %s once, in the order it was produced", session)
                        .containsExactlyElementsOf(IntStream.range(0, commandsPerThread)
                                .mapToObj(i -> session + "/" + i).toList());
            }
            assertThat(reader.sessions(1_000)).hasSize(threads)
                    .allSatisfy(s -> assertThat(s.commands()).isEqualTo(commandsPerThread));
        }
    }

    @Test
    void aChangedPayloadIsNamedByItsSeq() throws Exception {
        writeCommands(10);
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
            allowTampering(sql);
            sql.executeUpdate("UPDATE audit_events SET payload = '{\"tampered\":true}' WHERE seq = 7");
        }

        ChainVerification result = verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).hasValue(7);
        assertThat(result.problem()).isEqualTo("hash mismatch at seq 7");
        assertThat(result.eventsChecked()).isEqualTo(6);
    }

    @Test
    void aDeletedEventIsNamedByItsSeq() throws Exception {
        writeCommands(10);
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
            allowTampering(sql);
            sql.executeUpdate("DELETE FROM audit_events WHERE seq = 4");
        }

        ChainVerification result = verify();

        assertThat(result.firstBrokenSeq()).hasValue(4);
        assertThat(result.problem()).isEqualTo("gap: seq 3 then 5");
    }

    @Test
    void deletingTheNewestEventsIsCaughtByTheChainHead() throws Exception {
        writeCommands(10);
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
            allowTampering(sql);
            sql.executeUpdate("DELETE FROM audit_events WHERE seq > 8");
        }

        ChainVerification result = verify();

        assertThat(result.firstBrokenSeq()).hasValue(9);
        assertThat(result.problem()).isEqualTo("truncated: the chain ends at seq 8 but its head records seq 10");
    }

    @Test
    void aRewrittenPrevHashIsNamedByItsSeq() throws Exception {
        writeCommands(5);
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
            allowTampering(sql);
            sql.executeUpdate("UPDATE audit_events SET prev_hash = '" + "a".repeat(64) + "' WHERE seq = 3");
        }

        ChainVerification result = verify();

        assertThat(result.firstBrokenSeq()).hasValue(3);
        assertThat(result.problem()).isEqualTo("prev_hash of seq 3 does not match hash of 2");
    }

    @Test
    void theAuditTableRefusesUpdatesAndDeletes() throws Exception {
        writeCommands(2);
        try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_events SET type = 'x' WHERE seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM audit_events WHERE seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void reopeningTheStoreContinuesTheChain() throws Exception {
        for (int round = 0; round < 3; round++) {
            try (Store store = Store.open(url)) {
                JdbcAuditLog auditLog = store.auditLog(true);
                for (int i = 0; i < 3; i++) {
                    auditLog.append(TestEvents.decided("s-1", T0, "round-" + round + "/" + i));
                }
            }
        }

        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(9));
            assertThat(store.auditReader().events("s-1")).extracting(StoredAuditEvent::seq)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    void closingFlushesEverySubmittedEvent() throws Exception {
        JdbcAuditLog auditLog;
        try (Store store = Store.open(url)) {
            auditLog = store.auditLog(false);
            for (int i = 0; i < 1_000; i++) {
                auditLog.submit(TestEvents.decided("s-1", T0, "c" + i));
            }
        }
        assertThat(auditLog.pendingEvents()).isZero();
        assertThat(auditLog.lostEvents()).isZero();

        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().events("s-1")).hasSize(1_000);
            assertThat(store.auditReader().verify().intact()).isTrue();
        }
    }

    @Test
    void aClosedLogRefusesAppendsAndCountsSubmissionsLost() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            auditLog.close();

            assertThatThrownBy(() -> auditLog.append(TestEvents.decided("s-1", T0, "c1")))
                    .isInstanceOf(AuditUnavailableException.class).hasMessageContaining("closed");
            auditLog.submit(TestEvents.decided("s-1", T0, "c2"));

            assertThat(auditLog.lostEvents()).isEqualTo(1);
        }
    }

    @Test
    void storedEventsKeepTheirTimeSessionTypeAndPayload() throws Exception {
        Instant at = Instant.parse("2025-03-01T10:00:00.123456789Z");
        try (Store store = Store.open(url)) {
            store.auditLog(false).append(TestEvents.started("s-1", at));

            StoredAuditEvent event = store.auditReader().events("s-1").getFirst();

            assertThat(event.seq()).isEqualTo(1);
            assertThat(event.at()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
            assertThat(event.type()).isEqualTo("session.start");
            assertThat(event.sessionId()).isEqualTo("s-1");
            assertThat(event.payloadJson()).isEqualTo(AuditEventJson.payload(TestEvents.started("s-1", at)));
            assertThat(event.hashMatches()).isTrue();
        }
    }

    @Test
    void sessionsAreListedNewestFirstWithTheirCommandsAndEnd() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            auditLog.append(TestEvents.started("a", T0));
            auditLog.append(TestEvents.decided("a", T0.plusSeconds(1), "a1"));
            auditLog.append(TestEvents.completed("a", T0.plusSeconds(1), "a1"));
            auditLog.append(TestEvents.decided("a", T0.plusSeconds(2), "a2"));
            auditLog.append(TestEvents.started("b", T0.plusSeconds(3)));
            auditLog.append(TestEvents.ended("a", T0.plusSeconds(4), 2));
            auditLog.append(TestEvents.refused("c", T0.plusSeconds(5)));

            AuditReader reader = store.auditReader();

            assertThat(reader.sessions(10)).extracting(SessionSummary::sessionId).containsExactly("c", "b", "a");
            assertThat(reader.sessions(2)).extracting(SessionSummary::sessionId).containsExactly("c", "b");
            assertThat(reader.session("a")).contains(new SessionSummary("a", "postgresql", "clinic-db",
                    "alice@example.org", "10.0.0.7:50123", "psql", T0, Optional.of(T0.plusSeconds(4)),
                    "client-terminate", 2, false));
            assertThat(reader.session("b")).hasValueSatisfying(b -> {
                assertThat(b.open()).isTrue();
                assertThat(b.commands()).isZero();
            });
            assertThat(reader.session("c")).hasValueSatisfying(c -> {
                assertThat(c.refused()).isTrue();
                assertThat(c.endReason()).isEqualTo("bad-credential");
                assertThat(c.endedAt()).contains(T0.plusSeconds(5));
                assertThat(c.clientAddress()).isEqualTo("10.0.0.9:40000");
            });
            assertThat(reader.session("nobody")).isEmpty();
            assertThat(reader.events("a")).extracting(StoredAuditEvent::type).containsExactly("session.start",
                    "command.decided", "command.completed", "command.decided", "session.end");
        }
    }

    @Test
    void aSessionRefusedAfterItsStartupSettingsWereJudgedIsSummarisedWithWhoAndWhere() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            // append() commits each event in its own group: the settings' decisions land before the refusal
            auditLog.append(TestEvents.decided("r", T0, "r1"));
            auditLog.append(TestEvents.decided("r", T0, "r2"));
            auditLog.append(TestEvents.refused("r", T0.plusSeconds(1)));

            assertThat(store.auditReader().session("r")).hasValueSatisfying(r -> {
                assertThat(r.refused()).isTrue();
                assertThat(r.commands()).isEqualTo(2);
                assertThat(r.protocol()).isEqualTo("postgresql");
                assertThat(r.connection()).isEqualTo("clinic-db");
                assertThat(r.clientAddress()).isEqualTo("10.0.0.9:40000");
            });
        }
    }

    @Test
    void anApplicationNameSetAfterTheStartNamesTheSession() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            auditLog.append(TestEvents.started("n", T0));
            auditLog.append(new AuditEvent.ApplicationNameChanged("n", T0.plusSeconds(1), "nightly-report"));
            auditLog.append(TestEvents.decided("n", T0.plusSeconds(2), "n1"));
            // a rename and the end in one group: the name stays
            auditLog.submit(new AuditEvent.ApplicationNameChanged("n", T0.plusSeconds(3), "nightly-report-2"));
            auditLog.append(TestEvents.ended("n", T0.plusSeconds(4), 1));

            assertThat(store.auditReader().session("n")).hasValueSatisfying(n -> {
                assertThat(n.applicationName()).isEqualTo("nightly-report-2");
                assertThat(n.commands()).isEqualTo(1);
                assertThat(n.endedAt()).contains(T0.plusSeconds(4));
            });
            assertThat(store.auditReader().events("n")).extracting(StoredAuditEvent::type).containsExactly(
                    "session.start", "session.application_name", "command.decided", "session.application_name",
                    "session.end");
            assertThat(store.auditReader().verify().intact()).isTrue();
        }
    }

    @Test
    void aSessionWhoseEventsShareOneGroupIsSummarisedCorrectly() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            auditLog.submit(TestEvents.started("a", T0));
            auditLog.submit(TestEvents.decided("a", T0.plusSeconds(1), "a1"));
            auditLog.submit(TestEvents.decided("a", T0.plusSeconds(2), "a2"));
            auditLog.submit(TestEvents.decided("a", T0.plusSeconds(3), "a3"));
            auditLog.submit(TestEvents.ended("a", T0.plusSeconds(4), 3));
            auditLog.close();

            SessionSummary a = store.auditReader().session("a").orElseThrow();

            assertThat(a.commands()).isEqualTo(3);
            assertThat(a.startedAt()).isEqualTo(T0);
            assertThat(a.endedAt()).contains(T0.plusSeconds(4));
        }
    }

    @Test
    void aFailedWriteFailsAppendAtOnceWithoutEventContents() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(true, FAST_RETRIES);
            try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
                makeAuditWritesFail(sql);
            }
            AuditEvent.CommandDecided event = new AuditEvent.CommandDecided("s-1", T0, "c1",
                    "SELECT 'PHI-MARKER-0042'", List.of("SELECT"), List.of(), 0, List.of(), "allow", "", "");

            assertThatThrownBy(() -> auditLog.append(event))
                    .isInstanceOf(AuditUnavailableException.class)
                    .hasMessageContaining("could not record")
                    .satisfies(e -> assertThat(messagesOf(e)).doesNotContain("PHI-MARKER"));
            assertThat(auditLog.pendingEvents()).isZero();
        }
    }

    @Test
    void submittedEventsThatKeepFailingAreRetriedThenCountedLost() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false, FAST_RETRIES);
            auditLog.append(TestEvents.decided("s-1", T0, "before"));
            try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
                makeAuditWritesFail(sql);
            }
            auditLog.submit(TestEvents.decided("s-1", T0, "c1"));
            auditLog.submit(TestEvents.decided("s-1", T0, "c2"));
            auditLog.close(); // waits for the retries to run out

            assertThat(auditLog.lostEvents()).isEqualTo(2);
            assertThat(auditLog.pendingEvents()).isZero();
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(1));
        }
    }

    /** A linger far longer than any test: if anything waited it out, the test would hang or the append time out. */
    private static final AuditLogSettings HOUR_LINGER = new AuditLogSettings(1_000, 100, Duration.ofSeconds(2),
            Duration.ofSeconds(30), 2, Duration.ofMillis(10), Duration.ofHours(1));

    @Test
    void anAppendIsNeverHeldBackByTheLingerOfSubmittedEvents() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false, HOUR_LINGER);
            auditLog.submit(decided("s-1", T0, "c1"));
            auditLog.append(decided("s-1", T0, "c2")); // returns once committed, together with c1

            assertThat(store.auditReader().events("s-1")).extracting(TestEvents::commandId)
                    .containsExactly("c1", "c2");
            auditLog.close();
        }
    }

    @Test
    @Timeout(60)
    void closeWritesLingeringEventsAtOnce() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false, HOUR_LINGER);
            auditLog.submit(decided("s-1", T0, "c1"));
            auditLog.submit(decided("s-1", T0, "c2"));
            auditLog.close();

            assertThat(auditLog.lostEvents()).isZero();
            assertThat(store.auditReader().events("s-1")).hasSize(2);
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(2));
        }
    }

    @Test
    void aFullQueueMakesSubmitWaitThenCountsTheEventLostInsteadOfDroppingItSilently() throws Exception {
        AuditLogSettings tiny = new AuditLogSettings(2, 1, Duration.ofMillis(50), Duration.ofSeconds(30), 4,
                Duration.ofMillis(10), Duration.ZERO);
        int submitted = 6;
        JdbcAuditLog auditLog;
        try (Store store = Store.open(url)) {
            auditLog = store.auditLog(false, tiny);
            try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
                raw.setAutoCommit(false);
                sql.executeUpdate("UPDATE audit_chain_head SET seq = seq WHERE id = 1"); // the writer now waits
                for (int i = 0; i < submitted; i++) {
                    auditLog.submit(TestEvents.decided("s-1", T0, "c" + i));
                }
                // At most one event is in the blocked writer's hands and two in the queue.
                assertThat(auditLog.lostEvents()).isGreaterThanOrEqualTo(submitted - 3);
                raw.rollback();
            }
        }
        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().events("s-1")).hasSize(submitted - (int) auditLog.lostEvents());
            assertThat(store.auditReader().verify().intact()).isTrue();
        }
    }

    @Test
    void twoAuditLogsOnOneStoreShareOneChain() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog first = store.auditLog(false);
            JdbcAuditLog second = store.auditLog(false);
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < 8; t++) {
                    JdbcAuditLog log = t % 2 == 0 ? first : second;
                    String session = "s-" + t;
                    executor.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            log.submit(TestEvents.decided(session, T0, session + "/" + i));
                        }
                    });
                }
            }
            first.close();
            second.close();

            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(400));
        }
    }

    @Test
    void apiKeysCanBeSavedFoundListedReplacedAndRevoked() throws Exception {
        Instant created = Instant.parse("2025-02-01T08:00:00.654321Z");
        ApiKeyRecord agent = new ApiKeyRecord("k-agent", "svc:agent", Set.of("agents", "readers"), "a".repeat(64),
                created, Optional.of(created.plus(Duration.ofDays(30))), false);
        ApiKeyRecord ci = new ApiKeyRecord("k-ci", "svc:ci", Set.of(), "b".repeat(64), created.plusSeconds(1),
                Optional.empty(), false);
        try (Store store = Store.open(url)) {
            var keys = store.apiKeys();
            keys.save(agent);
            keys.save(ci);

            assertThat(keys.find("k-agent")).contains(agent);
            assertThat(keys.find("k-none")).isEmpty();
            assertThat(keys.list()).containsExactly(agent, ci);

            assertThat(keys.revoke("k-ci")).isTrue();
            assertThat(keys.revoke("k-none")).isFalse();
            assertThat(keys.find("k-ci")).hasValueSatisfying(k -> assertThat(k.revoked()).isTrue());

            ApiKeyRecord rotated = new ApiKeyRecord("k-agent", "svc:agent", Set.of("agents"), "c".repeat(64),
                    created, Optional.empty(), false);
            keys.save(rotated);
            assertThat(keys.find("k-agent")).contains(rotated);
            assertThat(keys.list()).hasSize(2);
        }
    }

    @Test
    void oneGroupHoldingManyEventsOfOneSessionCountsEveryCommand() throws Exception {
        List<PendingEvent> first = new ArrayList<>();
        first.add(pending(started("a", T0)));
        first.add(pending(started("b", T0.plusSeconds(1))));
        for (int i = 0; i < 30; i++) {
            first.add(pending(decided("a", T0.plusSeconds(2), "a" + i)));
            first.add(pending(completed("a", T0.plusSeconds(2), "a" + i)));
            if (i % 3 == 0) {
                first.add(pending(decided("b", T0.plusSeconds(2), "b" + i)));
            }
        }
        first.add(pending(ended("a", T0.plusSeconds(3), 30)));
        List<PendingEvent> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            second.add(pending(decided("b", T0.plusSeconds(4), "b-late" + i)));
        }
        second.add(pending(ended("b", T0.plusSeconds(5), 30)));
        Store.open(url).close(); // migrates
        try (StorePools pools = pools(); AuditGroupWriter writer = groupWriter(pools, pools.auditWriterConnections(),
                NEVER_CHECK)) {
            writer.write(first);
            AuditGroupWriter.Head head = writer.write(second); // the same statements, a second time

            assertThat(head.seq()).isEqualTo(first.size() + second.size());
        }

        try (Store store = Store.open(url)) {
            AuditReader reader = store.auditReader();
            assertThat(reader.verify()).isEqualTo(ChainVerification.intact(first.size() + second.size()));
            assertThat(reader.session("a")).hasValueSatisfying(a -> {
                assertThat(a.commands()).isEqualTo(30);
                assertThat(a.startedAt()).isEqualTo(T0);
                assertThat(a.endedAt()).contains(T0.plusSeconds(3));
            });
            assertThat(reader.session("b")).hasValueSatisfying(b -> {
                assertThat(b.commands()).isEqualTo(30);
                assertThat(b.startedAt()).isEqualTo(T0.plusSeconds(1));
                assertThat(b.endedAt()).contains(T0.plusSeconds(5));
            });
        }
    }

    @Test
    void aBrokenWriterConnectionFailsItsGroupAndTheNextGroupGetsANewOne() throws Exception {
        Store.open(url).close();
        try (StorePools pools = pools()) {
            RecordingOpener opener = new RecordingOpener(pools.auditWriterConnections());
            try (AuditGroupWriter writer = groupWriter(pools, opener, NEVER_CHECK)) {
                writer.write(List.of(pending(decided("s-1", T0, "c1"))));
                opener.opened().getFirst().close(); // the connection breaks under the writer

                assertThatThrownBy(() -> writer.write(List.of(pending(decided("s-1", T0, "c2")))))
                        .isInstanceOf(SQLException.class);
                writer.write(List.of(pending(decided("s-1", T0, "c3"))));
            }
            assertThat(opener.opened()).hasSize(2).allSatisfy(c -> assertThat(c.isClosed()).isTrue());
        }

        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(2));
            assertThat(store.auditReader().events("s-1")).extracting(TestEvents::commandId).containsExactly("c1", "c3");
            assertThat(store.auditReader().session("s-1")).hasValueSatisfying(s -> assertThat(s.commands()).isEqualTo(2));
        }
    }

    @Test
    void aWriterConnectionThatDiedWhileIdleIsReplacedBeforeTheNextGroup() throws Exception {
        Store.open(url).close();
        try (StorePools pools = pools()) {
            RecordingOpener opener = new RecordingOpener(pools.auditWriterConnections());
            try (AuditGroupWriter writer = groupWriter(pools, opener, ALWAYS_CHECK)) {
                writer.write(List.of(pending(decided("s-1", T0, "c1"))));
                opener.opened().getFirst().close();

                writer.write(List.of(pending(decided("s-1", T0, "c2"))));
            }
            assertThat(opener.opened()).hasSize(2);
        }

        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(2));
        }
    }

    @Test
    void aGroupThatFailedLeavesNoTraceAndTheNextGroupStartsOnANewConnection() throws Exception {
        Store.open(url).close();
        try (StorePools pools = pools()) {
            RecordingOpener opener = new RecordingOpener(pools.auditWriterConnections());
            try (AuditGroupWriter writer = groupWriter(pools, opener, NEVER_CHECK)) {
                writer.write(List.of(pending(started("a", T0))));
                try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
                    makeAuditWritesFail(sql);
                }
                assertThatThrownBy(() -> writer.write(List.of(pending(started("x", T0)),
                        pending(decided("x", T0, "x1")), pending(decided("a", T0, "a-lost")))))
                        .isInstanceOf(SQLException.class);
                try (Connection raw = rawConnection(); Statement sql = raw.createStatement()) {
                    allowAuditWrites(sql);
                }

                writer.write(List.of(pending(decided("a", T0, "a1")), pending(ended("a", T0.plusSeconds(1), 1))));
            }
            assertThat(opener.opened()).hasSize(2);
        }

        try (Store store = Store.open(url)) {
            AuditReader reader = store.auditReader();
            assertThat(reader.verify()).isEqualTo(ChainVerification.intact(3));
            assertThat(reader.session("x")).isEmpty();
            assertThat(reader.session("a")).hasValueSatisfying(a -> assertThat(a.commands()).isEqualTo(1));
        }
    }

    @Test
    void submittedEventsOutliveABrokenWriterConnectionAndClosingClosesTheNewOne() throws Exception {
        Store.open(url).close();
        JdbcAuditLog auditLog;
        RecordingOpener opener;
        try (StorePools pools = pools()) {
            opener = new RecordingOpener(pools.auditWriterConnections());
            auditLog = JdbcAuditLog.start(groupWriter(pools, opener, NEVER_CHECK), FAST_RETRIES, text -> text);
            auditLog.append(decided("s-1", T0, "c0"));
            opener.opened().getFirst().close();
            for (int i = 1; i <= 50; i++) {
                auditLog.submit(decided("s-1", T0, "c" + i));
            }
            auditLog.close();
        }

        assertThat(auditLog.lostEvents()).isZero();
        assertThat(opener.opened()).hasSize(2).allSatisfy(c -> assertThat(c.isClosed()).isTrue());
        try (Store store = Store.open(url)) {
            assertThat(store.auditReader().verify()).isEqualTo(ChainVerification.intact(51));
            assertThat(store.auditReader().events("s-1")).extracting(TestEvents::commandId)
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, 50).mapToObj(i -> "c" + i).toList());
        }
    }

    @Test
    void apiKeysAreSavedWhileAnAuditLogWritesWithoutPause() throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            AtomicBoolean stop = new AtomicBoolean();
            Thread producer = Thread.ofVirtual().start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    auditLog.submit(decided("busy", T0, "c" + i));
                }
            });
            try {
                for (int k = 0; k < 20; k++) {
                    store.apiKeys().save(new ApiKeyRecord("k-" + k, "svc:" + k, Set.of(), "d".repeat(64), T0,
                            Optional.empty(), false));
                }
            } finally {
                stop.set(true);
                producer.join();
            }

            assertThat(store.apiKeys().list()).hasSize(20);
            assertThat(auditLog.lostEvents()).isZero();
        }
    }

    private StorePools pools() {
        return switch (StoreUrl.parse(url)) {
            case StoreUrl.Sqlite s -> StorePools.sqlite(s);
            case StoreUrl.Postgres p -> StorePools.postgres(p);
        };
    }

    private AuditGroupWriter groupWriter(StorePools pools, ConnectionOpener opener, Duration idleCheckAfter) {
        Dialect dialect = switch (StoreUrl.parse(url)) {
            case StoreUrl.Sqlite s -> Dialect.SQLITE;
            case StoreUrl.Postgres p -> Dialect.POSTGRESQL;
        };
        return new AuditGroupWriter(opener, new ReentrantLock(), dialect, false, idleCheckAfter);
    }

    private static PendingEvent pending(AuditEvent event) {
        return PendingEvent.of(event, null);
    }

    private void writeCommands(int count) throws Exception {
        try (Store store = Store.open(url)) {
            JdbcAuditLog auditLog = store.auditLog(false);
            for (int i = 0; i < count; i++) {
                auditLog.append(TestEvents.decided("s-1", T0.plusMillis(i), "c" + i));
            }
        }
    }

    private ChainVerification verify() {
        try (Store store = Store.open(url)) {
            return store.auditReader().verify();
        }
    }

    static String messagesOf(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable s : t.getSuppressed()) {
                all.append(s).append('\n');
            }
        }
        return all.toString();
    }

    static long count(Connection raw, String sql) throws SQLException {
        try (Statement statement = raw.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
