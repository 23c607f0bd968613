package dev.sluice.postgres.gateway;

import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.WireWriter;
import dev.sluice.postgres.codec.frontend.Bind;
import dev.sluice.postgres.codec.frontend.Execute;
import dev.sluice.postgres.codec.frontend.Parse;
import dev.sluice.postgres.codec.frontend.Query;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the relay's buffering must not change: large results and large messages arrive intact through buffers that
 * start small, a pipelined batch is answered in order, nothing already here waits for bytes still on the network,
 * and a notification reaches a client that is not asking for anything.
 */
class RelayBufferingIT {

    private static EmbeddedPostgres postgres;
    private static GatewayHarness gateway;

    @BeforeAll
    static void startServers() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        gateway = GatewayHarness.start(postgres);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void sessionsEnd() {
        gateway.awaitNoSessions();
        GatewayHarness.awaitNoUpstreamSessions(postgres);
    }

    @Test
    void largeResultArrivesIntactInBothProtocols() throws Exception {
        // rows of 32 B to 64 KB in no order, and a 1 MB one every 50, so buffers grow, shrink and are bypassed
        String sql = "select g, repeat(md5(g::text), case when g % 50 = 0 then 32768 else (g * g * 37) % 2048 + 1 end)"
                + " from generate_series(1, 300) g";
        for (String mode : List.of("preferQueryMode=simple", "preferQueryMode=extended")) {
            try (Connection c = gateway.connect(mode); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                int rows = 0;
                while (rs.next()) {
                    int g = rs.getInt(1);
                    String expected = md5(Integer.toString(g)).repeat(g % 50 == 0 ? 32768 : g * g * 37 % 2048 + 1);
                    assertThat(rs.getString(2)).as("row %d (%s)", g, mode).isEqualTo(expected);
                    rows++;
                }
                assertThat(rows).isEqualTo(300);
            }
        }
    }

    @Test
    void largeMessagesFromTheClientArriveIntact() throws Exception {
        String table = "big_" + Long.toHexString(System.nanoTime());
        String value = "0123456789abcdef".repeat(256 * 1024); // 4 MB
        try (Connection c = gateway.connect(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (v text)");
            try (PreparedStatement insert = c.prepareStatement("insert into " + table + " values (?)")) {
                insert.setString(1, value);
                insert.executeUpdate();
            }
            s.execute("insert into " + table + " values ('" + value + "')"); // one 4 MB simple Query
            try (ResultSet rs = s.executeQuery("select length(v), md5(v) from " + table)) {
                for (int i = 0; i < 2; i++) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(value.length());
                    assertThat(rs.getString(2)).isEqualTo(md5(value));
                }
            }
        }
    }

    @Test
    void pipelinedBatchSentInOnePacketIsAnsweredInOrder() throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 1; i <= 50; i++) {
            batch.writeBytes(new Parse("", "select $1::int * 2", List.of()).encode());
            batch.writeBytes(new Bind("", "", List.of(), Arrays.asList(Integer.toString(i)
                    .getBytes(StandardCharsets.UTF_8)), List.of()).encode());
            batch.writeBytes(WireWriter.message('D').int8('P').cstring("").toBytes());
            batch.writeBytes(new Execute("", 0).encode());
        }
        batch.writeBytes(WireWriter.message('S').toBytes());
        batch.writeBytes(new Query("select 'after the batch'").encode());
        try (RawClient client = RawClient.loggedIn(gateway.port())) {
            client.send(batch.toByteArray());
            List<PgFrame> answer = client.readUntil('Z');
            assertThat(RawClient.types(answer)).isEqualTo("12TDC".repeat(50) + "Z");
            for (int i = 1; i <= 50; i++) {
                PgFrame row = answer.get((i - 1) * 5 + 3);
                assertThat(new String(row.body(), 6, row.body().length - 6, StandardCharsets.UTF_8))
                        .isEqualTo(Integer.toString(i * 2));
            }
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void aCompleteMessageGoesUpstreamWithoutWaitingForTheRestOfThePartOneBehindIt() throws Exception {
        byte[] first = new Query("select 1").encode();
        byte[] second = new Query("select 2").encode();
        try (RawClient client = RawClient.loggedIn(gateway.port())) {
            // the first query, and the first three bytes of the second in the same packet
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.writeBytes(first);
            packet.write(second, 0, 3);
            client.send(packet.toByteArray());
            assertThat(RawClient.types(client.readUntil('Z'))).as("answered before the second query is complete")
                    .isEqualTo("TDCZ");
            client.send(Arrays.copyOfRange(second, 3, second.length));
            assertThat(RawClient.types(client.readUntil('Z'))).isEqualTo("TDCZ");
        }
    }

    @Test
    void notificationReachesAnIdleClient() throws Exception {
        try (RawClient listener = RawClient.loggedIn(gateway.port()); Connection notifier = gateway.connect()) {
            listener.send(new Query("LISTEN ward_events").encode());
            assertThat(RawClient.types(listener.readUntil('Z'))).isEqualTo("CZ");
            try (Statement s = notifier.createStatement()) {
                s.execute("NOTIFY ward_events, 'bed 4 free'");
            }
            // the listener sends nothing: the notification must come on its own
            PgFrame notification = listener.read();
            assertThat(notification.typeChar()).isEqualTo('A');
            assertThat(new String(notification.body(), StandardCharsets.UTF_8)).contains("ward_events", "bed 4 free");
        }
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
