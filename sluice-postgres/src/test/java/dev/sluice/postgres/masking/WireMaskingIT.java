package dev.sluice.postgres.masking;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.backend.ErrorFields;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter over the messages a real PostgreSQL sends: simple and extended queries in text and binary, errors that
 * echo a value, notices raised from a DO block, notifications, and COPY.
 */
class WireMaskingIT {

    private static final MaskPlan MASKS = new MaskPlan(true);

    /** ssn (text) partially; dob (date) to its year; everything else passes. */
    private static final Function<List<Column>, List<ColumnAction>> DECISIONS = columns -> {
        List<ColumnAction> actions = new ArrayList<>();
        for (Column column : columns) {
            actions.add(switch (column.name()) {
                case "ssn" -> ColumnAction.rewrite(TestScrubbers.PARTIAL, true);
                case "dob" -> ColumnAction.rewrite(s -> s.substring(0, 4), false);
                default -> ColumnAction.pass();
            });
        }
        return actions;
    };

    private static EmbeddedPostgres postgres;
    private static PgWireClient client;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement sql = c.createStatement()) {
            sql.execute("CREATE TABLE patients (id int, ssn text, dob date, note text, visits int[])");
            sql.execute("INSERT INTO patients VALUES (1, '123-45-6789', '1980-02-03', 'called 987-65-4321 twice', "
                    + "'{1,2}'), (2, NULL, NULL, NULL, NULL)");
        }
        client = new PgWireClient(postgres.getPort());
    }

    @AfterAll
    static void stop() throws Exception {
        try (EmbeddedPostgres server = postgres; PgWireClient c = client) {
            // closed in reverse order
        }
    }

    /** Runs every frame through a fresh filter, as the relay would, with the given plan for command output. */
    private static List<PgFrame> filtered(List<PgFrame> frames, MaskPlan plan) {
        MaskingFilter filter = new MaskingFilter(DECISIONS, TestScrubbers.SSN_NET);
        List<PgFrame> out = new ArrayList<>();
        for (PgFrame frame : frames) {
            char type = frame.typeChar();
            boolean commandOutput = "TDCHdcIsV".indexOf(type) >= 0 && !(type == 'T' && describedOnly(frames));
            PgFrame result = filter.filter(frame, commandOutput ? plan : MaskPlan.NONE);
            if (result != null) {
                out.add(result);
            }
        }
        return out;
    }

    /** In an extended query the RowDescription answers Describe, which carries no plan. */
    private static boolean describedOnly(List<PgFrame> frames) {
        return frames.stream().anyMatch(f -> f.typeChar() == '2');
    }

    private static List<PgFrame> ofType(List<PgFrame> frames, char type) {
        return frames.stream().filter(f -> f.typeChar() == type).toList();
    }

    @Test
    void simpleQueryInText() throws Exception {
        List<PgFrame> out = filtered(client.simpleQuery("SELECT id, ssn, dob, note FROM patients ORDER BY id"), MASKS);
        RowDescription description = RowDescription.decode(ofType(out, 'T').getFirst(), StandardCharsets.UTF_8);
        assertThat(description.columns()).extracting(Column::typeOid).containsExactly(23, 25, 25, 25);
        List<PgFrame> rows = ofType(out, 'D');
        assertThat(Wire.texts(rows.get(0))).containsExactly("1", "*******6789", "1980", "called [SSN] twice");
        assertThat(Wire.texts(rows.get(1))).containsExactly("2", null, null, null);
        assertThat(out.getLast().typeChar()).isEqualTo('Z');
    }

    @Test
    void extendedQueryInBinaryWithADescribedPortal() throws Exception {
        List<PgFrame> out = filtered(client.extendedQuery(
                "SELECT id, ssn, dob, note, visits FROM patients ORDER BY id", 1, true), MASKS);
        List<byte[]> values = Wire.values(ofType(out, 'D').getFirst());
        assertThat(values.get(0)).isEqualTo(Wire.int4(1));
        assertThat(new String(values.get(1), StandardCharsets.UTF_8)).isEqualTo("*******6789");
        assertThat(values.get(2)).isNull(); // announced as date already: the year cannot be sent as one
        assertThat(new String(values.get(3), StandardCharsets.UTF_8)).isEqualTo("called [SSN] twice");
        assertThat(BinaryValues.decode(1007, values.get(4), ValueContext.DEFAULT)).isEqualTo("{1,2}");
    }

    @Test
    void extendedQueryWithoutADescriptionFailsClosed() throws Exception {
        List<PgFrame> out = filtered(client.extendedQuery("SELECT id, ssn FROM patients ORDER BY id", 1, false),
                MASKS);
        assertThat(ofType(out, 'T')).isEmpty();
        for (PgFrame row : ofType(out, 'D')) {
            assertThat(Wire.values(row)).containsOnlyNulls();
        }
        assertThat(ofType(out, 'D')).hasSize(2);
    }

    @Test
    void theErrorForACastEchoesNoSsn() throws Exception {
        List<PgFrame> raw = client.simpleQuery("SELECT ssn::int FROM patients WHERE id = 1");
        ErrorFields upstream = ErrorFields.decode(ofType(raw, 'E').getFirst().body());
        assertThat(upstream.message()).contains("123-45-6789"); // what PostgreSQL says…
        List<PgFrame> out = filtered(raw, MASKS);
        ErrorFields seen = ErrorFields.decode(ofType(out, 'E').getFirst().body());
        assertThat(seen.message()).isEqualTo("invalid input syntax for type integer: \"***\""); // …and the client
        assertThat(seen.sqlState()).isEqualTo(upstream.sqlState());

        List<PgFrame> literal = filtered(client.simpleQuery("SELECT '123-45-6789'::int"), MaskPlan.NONE);
        assertThat(ErrorFields.decode(ofType(literal, 'E').getFirst().body()).message()).doesNotContain("123-45");
    }

    @Test
    void noticesAndExceptionsRaisedFromADoBlock() throws Exception {
        List<PgFrame> out = filtered(client.simpleQuery("DO $$ BEGIN RAISE NOTICE 'patient %', "
                + "(SELECT ssn FROM patients WHERE id = 1); RAISE EXCEPTION 'bad %', '555-12-3456' "
                + "USING DETAIL = 'detail 555-12-3456', HINT = 'hint 555-12-3456'; END $$"), MASKS);
        ErrorFields notice = ErrorFields.decode(ofType(out, 'N').getFirst().body());
        assertThat(notice.message()).isEqualTo("patient [SSN]");
        ErrorFields error = ErrorFields.decode(ofType(out, 'E').getFirst().body());
        assertThat(error.message()).isEqualTo("bad [SSN]");
        assertThat(error.detail()).isEqualTo("detail [SSN]");
        assertThat(error.hint()).isEqualTo("hint [SSN]");
        String everything = new String(concatenated(out), StandardCharsets.UTF_8);
        assertThat(everything).doesNotContain("123-45-6789").doesNotContain("555-12-3456");
    }

    @Test
    void notificationPayloads() throws Exception {
        client.simpleQuery("LISTEN alerts");
        List<PgFrame> out = filtered(client.simpleQuery(
                "SELECT pg_notify('alerts', 'patient ' || ssn) FROM patients WHERE id = 1"), MASKS);
        PgFrame notification = ofType(out, 'A').getFirst();
        assertThat(new String(notification.body(), StandardCharsets.UTF_8)).contains("alerts\0patient [SSN]\0");
        client.simpleQuery("UNLISTEN alerts");
    }

    @Test
    void copyOutInCsvThroughTheFilter() throws Exception {
        MaskingFilter filter = new MaskingFilter(columns -> {
            List<ColumnAction> actions = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                actions.add(i == 1 ? ColumnAction.rewrite(TestScrubbers.PARTIAL, true) : ColumnAction.pass());
            }
            return actions;
        }, TestScrubbers.SSN_NET, plan -> new CopyDescription(CopyFormat.csv(), List.of()), ValueContext.DEFAULT,
                1 << 20);
        StringBuilder data = new StringBuilder();
        for (PgFrame frame : client.simpleQuery(
                "COPY (SELECT id, ssn, note FROM patients ORDER BY id) TO STDOUT (FORMAT csv)")) {
            PgFrame out = filter.filter(frame, "HdcC".indexOf(frame.typeChar()) >= 0 ? MASKS : MaskPlan.NONE);
            if (out != null && out.typeChar() == 'd') {
                data.append(new String(out.body(), StandardCharsets.UTF_8));
            }
        }
        assertThat(data.toString()).isEqualTo("1,*******6789,called [SSN] twice\n2,,\n");
    }

    @Test
    void everyBinaryTypeRoundTripsUnchangedUnderTheNet() throws Exception {
        String sql = "SELECT 1::int2, 2::int4, 3::int8, 1.5::float4, 2.5::float8, 12.340::numeric, true, "
                + "'2020-02-29'::date, '12:34:56'::time, '2020-02-29 12:34:56.5'::timestamp, now(), "
                + "gen_random_uuid(), 'text'::text, 'vc'::varchar, 'bp'::char(4), 'nm'::name, '{\"a\":1}'::json, "
                + "'{\"a\":1}'::jsonb, ARRAY['a','b c'], ARRAY[1,2], '\\x00ff'::bytea, interval '1 day', "
                + "row(1, 'x')";
        List<PgFrame> raw = client.extendedQuery(sql, 1, true);
        MaskingFilter filter = new MaskingFilter(columns -> columns.stream().map(c -> ColumnAction.pass()).toList(),
                TestScrubbers.SSN_NET);
        PgFrame row = ofType(raw, 'D').getFirst();
        filter.filter(ofType(raw, 'T').getFirst(), MaskPlan.NONE);
        List<byte[]> out = Wire.values(filter.filter(row, MASKS));
        List<byte[]> in = Wire.values(row);
        for (int i = 0; i < in.size() - 1; i++) {
            assertThat(out.get(i)).as("column %d", i + 1).isEqualTo(in.get(i));
        }
        assertThat(out.getLast()).as("an anonymous record cannot be read in binary: not sent").isNull();
    }

    private static byte[] concatenated(List<PgFrame> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(f -> all.writeBytes(f.body()));
        return all.toByteArray();
    }
}
