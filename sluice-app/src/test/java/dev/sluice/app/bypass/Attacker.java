package dev.sluice.app.bypass;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A client with a SQL prompt, on every road a PostgreSQL client takes: psql (simple protocol; with
 * {@code FETCH_COUNT} through a cursor), pgjdbc in simple mode, pgjdbc with named statements
 * ({@code prepareThreshold=1}), pgjdbc with binary results for every type that can carry PHI, pgjdbc reading
 * through a portal ({@code setFetchSize}), and COPY. Everything a run received is kept as text for the leak
 * search: values as the driver decodes them and as the raw bytes of the wire, notices, warnings, notifications, and
 * every field of an error.
 */
final class Attacker {

    private static final String PSQL = "/usr/bin/psql";
    /**
     * text, varchar, name, json, jsonb, date, timestamp, timestamptz, numeric, text[], varchar[]. Not bpchar (1042):
     * pgjdbc's getString on a binary CHAR column recurses until the stack overflows (getString → internalGetObject →
     * getString), a client bug that would hide what the gateway sent; binary bpchar is covered by the
     * sluice-postgres masking tests on the raw wire.
     */
    private static final String BINARY_OIDS = "25,1043,19,114,3802,1082,1114,1184,1700,1009,1015";

    /** How a run reached the server. */
    enum Channel {
        PSQL("psql"),
        PSQL_CURSOR("psql with FETCH_COUNT=1"),
        JDBC_SIMPLE("pgjdbc preferQueryMode=simple"),
        JDBC_NAMED("pgjdbc prepareThreshold=1"),
        JDBC_BINARY("pgjdbc prepareThreshold=1, binary results"),
        JDBC_PORTAL("pgjdbc setFetchSize(1), binary results");

        final String label;

        Channel(String label) {
            this.label = label;
        }
    }

    /** One statement's outcome: rows returned (-1 when unknown), everything received, the error text or null. */
    record Step(String sql, int rows, String seen, String error) {
        boolean failed() {
            return error != null;
        }
    }

    /** What one channel received over one session. */
    record Run(String channel, List<Step> steps) {
        String seen() {
            StringBuilder all = new StringBuilder();
            steps.forEach(s -> all.append(s.seen()).append('\n'));
            return all.toString();
        }

        Step last() {
            return steps.getLast();
        }

        @Override
        public String toString() {
            return channel;
        }
    }

    private final String label;
    private final int port;
    private final String database;
    private final String user;
    private final String password;

    private Attacker(String label, int port, String database, String user, String password) {
        this.label = label;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    static Attacker to(String label, int port, String database, String user, String password) {
        return new Attacker(label, port, database, user, password);
    }

    /** One query on every channel; the pgjdbc channels run it three times (named, then described, then binary). */
    List<Run> read(String sql) throws Exception {
        List<Run> runs = new ArrayList<>();
        runs.add(psql(Map.of(), "-c", sql).as(Channel.PSQL));
        runs.add(jdbc(Channel.JDBC_SIMPLE.label, "preferQueryMode=simple", 1, 0, false, sql));
        runs.add(jdbc(Channel.JDBC_NAMED.label, "prepareThreshold=1", 3, 0, false, sql));
        runs.add(jdbc(Channel.JDBC_BINARY.label, "prepareThreshold=1&binaryTransferEnable=" + BINARY_OIDS, 3, 0, false,
                sql));
        runs.add(jdbc(Channel.JDBC_PORTAL.label, "prepareThreshold=1&binaryTransferEnable=" + BINARY_OIDS, 2, 1, true,
                sql));
        return runs;
    }

    /** Statements in order in one session, on psql (one process, one -c each), pgjdbc simple and pgjdbc named. */
    List<Run> session(String... statements) throws Exception {
        List<String> args = new ArrayList<>();
        for (String sql : statements) {
            args.add("-c");
            args.add(sql);
        }
        return List.of(
                psql(Map.of(), args.toArray(String[]::new)).as(Channel.PSQL),
                jdbc(Channel.JDBC_SIMPLE.label, "preferQueryMode=simple", 1, 0, false, statements),
                jdbc(Channel.JDBC_NAMED.label, "prepareThreshold=1&binaryTransferEnable=" + BINARY_OIDS, 1, 0, false,
                        statements));
    }

    /** Statements in order in one pgjdbc session, simple protocol, each once. */
    Run simple(String... statements) throws SQLException {
        return jdbc(Channel.JDBC_SIMPLE.label, "preferQueryMode=simple", 1, 0, false, statements);
    }

    /** Statements in order in one pgjdbc session opened with the given URL options, each once. */
    Run withOptions(String options, String... statements) throws SQLException {
        return jdbc("pgjdbc " + options, options, 1, 0, false, statements);
    }

    /** One COPY … TO STDOUT through pgjdbc's CopyManager and through psql. */
    List<Run> copyOut(String sql) throws Exception {
        List<Run> runs = new ArrayList<>();
        runs.add(psql(Map.of(), "-c", sql).as(Channel.PSQL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String error = null;
        try (Connection c = connect("")) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        } catch (SQLException e) {
            error = describe(e);
        }
        String seen = out.toString(StandardCharsets.ISO_8859_1) + (error == null ? "" : "\n" + error);
        runs.add(new Run(label + ", pgjdbc CopyManager", List.of(new Step(sql, -1, seen, error))));
        return runs;
    }

    /** psql with extra arguments and environment (PGOPTIONS…); one step, stdout and stderr together. */
    PsqlRun psql(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PSQL, "host=127.0.0.1 port=" + port + " dbname=" + database
                + " user=" + user + " sslmode=disable gssencmode=disable connect_timeout=10", "-X", "-A", "-t"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        if (!password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        builder.environment().put("PGCLIENTENCODING", "UTF8");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("psql-out", ".txt");
        Path err = Files.createTempFile("psql-err", ".txt");
        try {
            builder.redirectOutput(out.toFile());
            builder.redirectError(err.toFile());
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("psql did not finish within 60 s: " + String.join(" ", args));
            }
            // ISO-8859-1 keeps every byte (COPY … BINARY included); the raw values searched for are ASCII
            return new PsqlRun(label, process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1), String.join(" ", args));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** What psql printed; an error is anything it wrote to stderr as ERROR or FATAL, or a non-zero exit. */
    record PsqlRun(String who, int exitCode, String out, String err, String command) {
        Run as(Channel channel) {
            boolean failed = exitCode != 0 || err.contains("ERROR:") || err.contains("FATAL:");
            return new Run(who + ", " + channel.label,
                    List.of(new Step(command, -1, out + "\n" + err, failed ? err : null)));
        }
    }

    /** A pgjdbc connection with the given URL options ({@code a=b&c=d}). */
    Connection connect(String options) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + (options.isEmpty() ? "" : "?" + options), properties);
    }

    private Run jdbc(String channel, String options, int times, int fetchSize, boolean inTransaction,
                     String... statements) throws SQLException {
        List<Step> steps = new ArrayList<>();
        try (Connection c = connect(options)) {
            c.setAutoCommit(!inTransaction);
            for (String sql : statements) {
                steps.add(execute(c, sql, times, fetchSize));
            }
            if (inTransaction) {
                c.rollback();
            }
        }
        return new Run(label + ", " + channel, steps);
    }

    /** Runs {@code sql} {@code times} times on one statement object (so pgjdbc prepares it on the server). */
    static Step execute(Connection c, String sql, int times, int fetchSize) throws SQLException {
        StringBuilder seen = new StringBuilder();
        int rows = 0;
        String error = null;
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setFetchSize(fetchSize);
            for (int run = 0; run < times; run++) {
                rows = 0;
                try {
                    boolean isResult = statement.execute();
                    while (true) {
                        if (isResult) {
                            try (ResultSet rs = statement.getResultSet()) {
                                rows += drain(rs, seen);
                            }
                        } else if (statement.getUpdateCount() == -1) {
                            break;
                        }
                        isResult = statement.getMoreResults();
                    }
                    error = null;
                } catch (SQLException e) {
                    error = describe(e);
                    seen.append(error).append('\n');
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                } finally {
                    warnings(statement.getWarnings(), seen);
                    statement.clearWarnings();
                }
            }
        }
        warnings(c.getWarnings(), seen);
        c.clearWarnings();
        notifications(c, seen);
        return new Step(sql, rows, seen.toString(), error);
    }

    /**
     * Reads every row: each value as the driver decodes it, then (after all rows, so that values one per row still
     * read in order) as the bytes it received.
     */
    private static int drain(ResultSet rs, StringBuilder seen) throws SQLException {
        int rows = 0;
        int columns = rs.getMetaData().getColumnCount();
        StringBuilder wire = new StringBuilder();
        while (rs.next()) {
            rows++;
            for (int i = 1; i <= columns; i++) {
                try {
                    seen.append(rs.getString(i));
                } catch (SQLException | RuntimeException e) {
                    seen.append("[pgjdbc could not decode: ").append(e.getMessage()).append(']');
                }
                byte[] bytes = rs.getBytes(i);
                wire.append(bytes == null ? "NULL" : new String(bytes, StandardCharsets.ISO_8859_1)).append(" | ");
                seen.append(" | ");
            }
            seen.append('\n');
            wire.append('\n');
        }
        seen.append("-- as received on the wire:\n").append(wire);
        return rows;
    }

    static void notifications(Connection c, StringBuilder seen) throws SQLException {
        PGNotification[] received = c.unwrap(PGConnection.class).getNotifications();
        if (received != null) {
            for (PGNotification n : received) {
                seen.append("NOTIFY ").append(n.getName()).append(": ").append(n.getParameter()).append('\n');
            }
        }
    }

    private static void warnings(SQLWarning first, StringBuilder seen) {
        for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
            seen.append("WARNING ").append(w.getMessage()).append('\n');
            if (w instanceof PSQLWarning p && p.getServerErrorMessage() != null) {
                seen.append(fields(p.getServerErrorMessage())).append('\n');
            }
        }
    }

    /** Every text of an exception, its causes, the next exceptions, and each field of the server's message. */
    static String describe(SQLException e) {
        StringBuilder out = new StringBuilder();
        for (SQLException next = e; next != null; next = next.getNextException()) {
            for (Throwable t = next; t != null; t = t.getCause()) {
                out.append(t).append('\n');
            }
            if (next instanceof PSQLException p && p.getServerErrorMessage() != null) {
                out.append(fields(p.getServerErrorMessage())).append('\n');
            }
            if (next.getNextException() == next) {
                break;
            }
        }
        return out.toString();
    }

    private static String fields(ServerErrorMessage m) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("message", m.getMessage());
        fields.put("detail", m.getDetail());
        fields.put("hint", m.getHint());
        fields.put("where", m.getWhere());
        fields.put("internal query", m.getInternalQuery());
        fields.put("schema", m.getSchema());
        fields.put("table", m.getTable());
        fields.put("column", m.getColumn());
        fields.put("datatype", m.getDatatype());
        fields.put("constraint", m.getConstraint());
        fields.put("routine", m.getRoutine());
        fields.put("sqlstate", m.getSQLState());
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (v != null) {
                out.append(k).append(": ").append(v).append('\n');
            }
        });
        return out.toString();
    }
}
