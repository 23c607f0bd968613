package dev.sluice.postgres.masking;

import dev.sluice.postgres.codec.PgFrame;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code COPY (…) TO STDOUT} output in text, CSV and binary format, with every awkward character, fed through
 * the rewriter in random chunks. Passing is byte-exact; masking produces data PostgreSQL itself reads back (COPY
 * FROM) as exactly the masked values.
 */
class CopyOutIT {

    private static final String[] NOTES = {
            "plain", "", "tab\there", "new\nline", "cr\rreturn", "quote \"double\" and 'single'", "back\\slash",
            "comma, separated", "\\N", "\\.", "üñí 漢字 ✓", "ssn 123-45-6789 in text", "\u000B vertical", "NULL",
            "trailing space ", "{braces}"};

    /** Uppercases, so every value changes and must be re-escaped. */
    private static final UnaryOperator<String> UPPER = s -> s.toUpperCase(Locale.ROOT);

    private static EmbeddedPostgres postgres;
    private static Connection connection;
    private static CopyManager copy;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        connection = postgres.getPostgresDatabase().getConnection();
        copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE source (id int, note text, born date, tags text[], doc jsonb)");
            for (int i = 0; i < NOTES.length; i++) {
                sql.execute("INSERT INTO source VALUES (" + i + ", " + literal(NOTES[i]) + ", date '1980-01-01' + "
                        + i + ", ARRAY[" + literal(NOTES[i]) + ", NULL, 'x'], jsonb_build_object('n', "
                        + literal(NOTES[i]) + "))");
            }
            sql.execute("INSERT INTO source VALUES (99, NULL, NULL, NULL, NULL)");
            sql.execute("CREATE TABLE target (LIKE source)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try (EmbeddedPostgres server = postgres; Connection c = connection) {
            // closed in reverse order
        }
    }

    private static String literal(String s) {
        return "E'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t").replace("\u000B", "\\v") + "'";
    }

    private static byte[] copyOut(String options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copy.copyOut("COPY (SELECT * FROM source ORDER BY id) TO STDOUT " + options, out);
        return out.toByteArray();
    }

    private static byte[] rewrite(CopyOutRewriter rewriter, byte[] stream, long seed) throws Exception {
        Random random = new Random(seed);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < stream.length) {
            int size = Math.min(1 + random.nextInt(50), stream.length - pos);
            byte[] chunk = new byte[size];
            System.arraycopy(stream, pos, chunk, 0, size);
            pos += size;
            PgFrame out = rewriter.rewrite(Wire.copyData(chunk));
            if (out != null) {
                received.writeBytes(out.body());
            }
        }
        rewriter.finish();
        return received.toByteArray();
    }

    private static CopyOutRewriter rewriter(boolean binary, CopyFormat format, List<ColumnAction> actions,
                                            UnaryOperator<String> net) throws ResultRefusedException {
        CopyOutResponse response = new CopyOutResponse(binary, Collections.nCopies(5, binary ? 1 : 0));
        return CopyOutRewriter.create(response, format, response.columns(List.of(23, 25, 1082, 1009, 3802)),
                actions, net, ValueContext.DEFAULT, 4096);
    }

    private static List<ColumnAction> upperNoteAndTags() {
        ColumnAction upper = ColumnAction.rewrite(UPPER, true);
        return List.of(ColumnAction.pass(), upper, ColumnAction.pass(), upper, ColumnAction.pass());
    }

    /** What the target table holds after COPY FROM of the bytes, as text rows. */
    private static List<String> loadedBack(String options, byte[] data) throws Exception {
        try (Statement sql = connection.createStatement()) {
            sql.execute("TRUNCATE target");
        }
        copy.copyIn("COPY target FROM STDIN " + options, new ByteArrayInputStream(data));
        return rows("SELECT id, note, born, tags, doc FROM target ORDER BY id");
    }

    private static List<String> rows(String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                        + "|" + rs.getString(5));
            }
        }
        return rows;
    }

    private static List<String> expectedUpper() throws Exception {
        return rows("SELECT id, upper(note), born, upper(tags::text)::text[], doc FROM source ORDER BY id");
    }

    @Test
    void textFormatPassesByteForByteAndMasksIntoWhatPostgresReadsBack() throws Exception {
        byte[] original = copyOut("");
        assertThat(rewrite(rewriter(false, CopyFormat.text(), Collections.nCopies(5, ColumnAction.pass()),
                TestScrubbers.SSN_NET), original, 1)).isEqualTo(original.length == 0 ? original : patchSsn(original));
        byte[] masked = rewrite(rewriter(false, CopyFormat.text(), upperNoteAndTags(), null), original, 2);
        assertThat(loadedBack("", masked)).isEqualTo(expectedUpper());
    }

    @Test
    void csvFormatWithQuotedNewlinesAndDoubledQuotes() throws Exception {
        byte[] original = copyOut("(FORMAT csv)");
        assertThat(new String(original, StandardCharsets.UTF_8)).contains("\"new\nline\"");
        byte[] passed = rewrite(rewriter(false, CopyFormat.csv(), Collections.nCopies(5, ColumnAction.pass()), null),
                original, 3);
        assertThat(passed).isEqualTo(original);
        byte[] masked = rewrite(rewriter(false, CopyFormat.csv(), upperNoteAndTags(), null), original, 4);
        assertThat(loadedBack("(FORMAT csv)", masked)).isEqualTo(expectedUpper());
    }

    @Test
    void csvWithCustomQuoteEscapeNullAndHeader() throws Exception {
        String options = "(FORMAT csv, DELIMITER ';', QUOTE '''', ESCAPE '\\', NULL 'nil', HEADER true)";
        byte[] original = copyOut(options);
        CopyFormat format = new CopyFormat.Csv(';', '\'', '\\', "nil", true);
        byte[] masked = rewrite(rewriter(false, format, upperNoteAndTags(), null), original, 5);
        assertThat(loadedBack(options, masked)).isEqualTo(expectedUpper());
    }

    @Test
    void textWithCustomDelimiterAndNull() throws Exception {
        String options = "(FORMAT text, DELIMITER '|', NULL '<null>')";
        byte[] original = copyOut(options);
        byte[] masked = rewrite(rewriter(false, new CopyFormat.Text('|', "<null>", false), upperNoteAndTags(), null),
                original, 6);
        assertThat(loadedBack(options, masked)).isEqualTo(expectedUpper());
    }

    @Test
    void binaryFormatDecodesEachColumnByType() throws Exception {
        byte[] original = copyOut("(FORMAT binary)");
        byte[] passed = rewrite(rewriter(true, CopyFormat.text(), Collections.nCopies(5, ColumnAction.pass()), null),
                original, 7);
        assertThat(passed).isEqualTo(original);
        byte[] masked = rewrite(rewriter(true, CopyFormat.text(), upperNoteAndTags(), null), original, 8);
        assertThat(loadedBack("(FORMAT binary)", masked)).isEqualTo(expectedUpper());
    }

    @Test
    void theNetReachesTextInEveryFormat() throws Exception {
        for (String options : List.of("", "(FORMAT csv)", "(FORMAT binary)")) {
            boolean binary = options.contains("binary");
            CopyFormat format = options.contains("csv") ? CopyFormat.csv() : CopyFormat.text();
            byte[] masked = rewrite(rewriter(binary, format, Collections.nCopies(5, ColumnAction.pass()),
                    TestScrubbers.SSN_NET), copyOut(options), 9);
            List<String> rows = loadedBack(options, masked);
            assertThat(String.join("\n", rows)).as(options).doesNotContain("123-45-6789").contains("ssn [SSN] in text");
        }
    }

    /** The text-format COPY with the one SSN replaced, as the net should produce it. */
    private static byte[] patchSsn(byte[] original) {
        String text = new String(original, StandardCharsets.UTF_8);
        return text.replace("123-45-6789", "[SSN]").getBytes(StandardCharsets.UTF_8);
    }
}
