package dev.sluice.postgres.masking;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec against PostgreSQL itself: for each value, the type's send function gives the binary form and a cast
 * to text the canonical text; decoding the one must give the other, and encoding the text must give the very bytes
 * PostgreSQL sends.
 */
class BinaryValuesIT {

    private static EmbeddedPostgres postgres;
    private static Connection connection;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        connection = postgres.getPostgresDatabase().getConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        try (EmbeddedPostgres server = postgres; Connection c = connection) {
            // closed in reverse order
        }
    }

    /** The type's output and send functions, as the catalog names them. */
    private static String[] functions(String type) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT typoutput::text, typsend::text FROM pg_type WHERE oid = ?::regtype")) {
            statement.setString(1, type);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2)};
            }
        }
    }

    /** (text, binary) pairs for each literal cast to the type, from its output and send functions. */
    private static List<Sample> samples(String type, String... literals) throws SQLException {
        String[] functions = functions(type);
        List<Sample> samples = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + functions[0] + "(v)::text, "
                + functions[1] + "(v) FROM (SELECT (?::text)::" + type + " AS v) s")) {
            for (String literal : literals) {
                statement.setString(1, literal);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    samples.add(new Sample(literal, rs.getString(1), rs.getBytes(2)));
                }
            }
        }
        return samples;
    }

    /** (text, binary) pairs for every value {@code v} of a query, after a random seed is set. */
    private static List<Sample> generated(String type, double seed, String valuesQuery) throws SQLException {
        String[] functions = functions(type);
        List<Sample> samples = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT setseed(" + seed + ")");
            try (ResultSet rs = statement.executeQuery("SELECT " + functions[0] + "(v)::text, " + functions[1]
                    + "(v) FROM (" + valuesQuery + ") s")) {
                while (rs.next()) {
                    samples.add(new Sample(rs.getString(1), rs.getString(1), rs.getBytes(2)));
                }
            }
        }
        return samples;
    }

    private record Sample(String source, String text, byte[] binary) {
    }

    private static void assertRoundTrips(int oid, List<Sample> samples, ValueContext context) throws Exception {
        assertThat(samples).isNotEmpty();
        for (Sample sample : samples) {
            assertThat(BinaryValues.decode(oid, sample.binary(), context)).as("decode of %s", sample.source())
                    .isEqualTo(sample.text());
            assertThat(BinaryValues.encode(oid, sample.text(), context)).as("encode of %s", sample.text())
                    .isEqualTo(sample.binary());
        }
    }

    private static void assertRoundTrips(int oid, List<Sample> samples) throws Exception {
        assertRoundTrips(oid, samples, ValueContext.DEFAULT);
    }

    @Test
    void booleansAndIntegers() throws Exception {
        assertRoundTrips(16, samples("bool", "true", "false"));
        assertRoundTrips(21, samples("int2", "0", "-32768", "32767", "-1"));
        assertRoundTrips(23, samples("int4", "0", "-2147483648", "2147483647", "123456789"));
        assertRoundTrips(20, samples("int8", "0", "-9223372036854775808", "9223372036854775807"));
    }

    @Test
    void float8ShortestDigitsAsPostgresPrintsThem() throws Exception {
        assertRoundTrips(701, samples("float8", "0", "-0", "1", "0.1", "1e-5", "0.0001", "1e15",
                "1e14", "123.456", "NaN", "Infinity", "-Infinity", "5e-324", "1e-323", "1.7976931348623157e308",
                "2.2250738585072014e-308", "0.30000000000000004", "-1.5e300", "100", "1e22", "9007199254740993"));
        assertRoundTrips(701, generated("float8", 0.25, "SELECT (random() - 0.5) "
                + "* power(10::float8, floor(random() * 600 - 300)) AS v FROM generate_series(1, 4000)"));
    }

    @Test
    void float4ShortestDigitsAsPostgresPrintsThem() throws Exception {
        assertRoundTrips(700, samples("float4", "0", "-0", "1", "0.1", "1e-5", "1e6", "123456",
                "1.4e-45", "1e-45", "3e-40", "3.4028235e38", "NaN", "-Infinity", "16777217"));
        assertRoundTrips(700, generated("float4", 0.5, "SELECT ((random() - 0.5) "
                + "* power(10::float8, floor(random() * 70 - 35)))::float4 AS v FROM generate_series(1, 4000)"));
    }

    @Test
    void numericWithScaleSignAndSpecials() throws Exception {
        assertRoundTrips(1700, samples("numeric", "0", "0.00", "-0.0001", "12345.678", "1e100",
                "NaN", "Infinity", "-Infinity", "123456789012345678901234567890.123456789", "0.000000001", "10000",
                "9999.9999", "-1", "1.10", "100000000.00000001", "-0.5e-20"));
        assertRoundTrips(1700, generated("numeric", 0.75, "SELECT round(((random() - 0.5) "
                + "* power(10::numeric, floor(random() * 40 - 20)::int))::numeric, floor(random() * 30)::int) AS v "
                + "FROM generate_series(1, 2000)"));
    }

    @Test
    void datesTimesAndTimestamps() throws Exception {
        assertRoundTrips(1082, samples("date", "2000-01-01", "1970-01-01", "0001-01-01",
                "0001-12-31 BC", "4713-01-01 BC", "5874897-12-31", "infinity", "-infinity", "2024-02-29"));
        assertRoundTrips(1083, samples("time", "00:00", "23:59:59.999999", "24:00:00", "12:34:56.5"));
        assertRoundTrips(1114, samples("timestamp", "2000-01-01 00:00", "1999-12-31 23:59:59.999999",
                "0044-03-15 12:00 BC", "294276-12-31 23:59:59.999999", "infinity", "-infinity",
                "2024-02-29 13:45:00.123", "1900-01-01 00:00:00.000001"));
        assertRoundTrips(1114, generated("timestamp", 0.1, "SELECT timestamp '2000-01-01' "
                + "+ (random() - 0.5) * interval '1500000 days' AS v FROM generate_series(1, 2000)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/New_York", "Asia/Kolkata", "Europe/Amsterdam", "Australia/Lord_Howe"})
    void timestamptzIsShownInTheSessionsTimeZone(String zone) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = '" + zone + "'");
        }
        try {
            ValueContext context = ValueContext.DEFAULT.withTimeZone(zone);
            assertRoundTrips(1184, samples("timestamptz", "2000-01-01 00:00+00",
                    "1850-06-01 12:00+00", "2024-07-01 12:00:00.5+00", "2024-01-15 08:30+00", "infinity",
                    "1000-01-01 00:00+00"), context);
            assertRoundTrips(1184, generated("timestamptz", 0.3, "SELECT timestamptz "
                    + "'2000-01-01 00:00+00' + (random() - 0.5) * interval '150000 days' AS v "
                    + "FROM generate_series(1, 1000)"), context);
        } finally {
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET TimeZone");
            }
        }
    }

    @Test
    void textLikeTypesUuidAndJson() throws Exception {
        String[] texts = {"plain", "", "üñí 漢字", "tab\there", "new\nline", "quote\"back\\slash", "123-45-6789"};
        assertRoundTrips(25, samples("text", texts));
        assertRoundTrips(1043, samples("varchar", texts));
        assertRoundTrips(1042, samples("char(8)", "ab", "", "12345678"));
        assertRoundTrips(19, samples("name", "a_name", "Ünïcode"));
        assertRoundTrips(18, samples("\"char\"", "A", "", "é", "\\351"));
        assertRoundTrips(2950, samples("uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                "00000000-0000-0000-0000-000000000000"));
        assertRoundTrips(114, samples("json", "{\"b\": 1,  \"a\" : [1, 2]}", "\"ssn\""));
        assertRoundTrips(3802, samples("jsonb", "{\"b\": 1,  \"a\" : [1, 2.50]}", "null",
                "[\"üñí\", {\"x\": \"123-45-6789\"}]"));
    }

    @Test
    void arraysWithQuotingNullsDimensionsAndBounds() throws Exception {
        assertRoundTrips(1009, samples("text[]",
                "{a,\"\",NULL,\"NULL\",\"a b\",\"q\\\"b\\\\s\",\"{}\",\"x,y\",\"\u000B\",ü,\" lead\"}", "{}",
                "{{a,b},{c,NULL}}", "[0:1]={x,y}", "[-2:-1][3:4]={{1,2},{3,4}}", "{null}"));
        assertRoundTrips(1007, samples("int4[]", "{1,2,3}", "{{1,2},{3,4}}", "[0:1]={5,6}", "{}",
                "{NULL,1}"));
        assertRoundTrips(1016, samples("int8[]", "{-9223372036854775808,0}"));
        assertRoundTrips(1005, samples("int2[]", "{1,-1}"));
        assertRoundTrips(1182, samples("date[]", "{2000-01-01,\"0044-03-15 BC\",infinity,NULL}"));
        assertRoundTrips(1115, samples("timestamp[]", "{\"2000-01-01 10:00:00.5\",-infinity}"));
        assertRoundTrips(1185, samples("timestamptz[]", "{\"2000-01-01 10:00:00.5+00\"}"));
        assertRoundTrips(1183, samples("time[]", "{10:00,23:59:59.5}"));
        assertRoundTrips(1231, samples("numeric[]", "{1.50,NaN,-0.001,NULL}"));
        assertRoundTrips(1022, samples("float8[]", "{1.5,1e+100,NaN}"));
        assertRoundTrips(1021, samples("float4[]", "{1.5,-Infinity}"));
        assertRoundTrips(1015, samples("varchar[]", "{\"a,b\",c}"));
        assertRoundTrips(1014, samples("char(3)[]", "{a,bb}"));
        assertRoundTrips(1003, samples("name[]", "{a,b}"));
        assertRoundTrips(1002, samples("\"char\"[]", "{a,b,\"\\\\351\"}"));
        assertRoundTrips(1000, samples("bool[]", "{t,f,NULL}"));
        assertRoundTrips(2951, samples("uuid[]", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"));
        assertRoundTrips(199, samples("json[]", "{\"{\\\"a\\\": 1}\",\"[1, 2]\"}"));
        assertRoundTrips(3807, samples("jsonb[]", "{\"{\\\"a\\\": 1}\",null}"));
    }
}
