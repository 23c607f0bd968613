import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Drains a large result through the DataRow path the way an application streams it: pgjdbc, autocommit off,
 * {@code setFetchSize} (a portal read in batches, so neither the client nor the gateway may hold the whole result),
 * every value of every row decoded with {@code getString}. One JVM measures every target, so the client's JIT is
 * warm for all of them alike.
 *
 * <p>Run: {@code java -cp postgresql.jar StreamRows.java SQL_TEMPLATE FETCH_SIZE PLAN TARGET...}
 * <ul>
 *   <li>SQL_TEMPLATE: the query with {@code %d} where the row count goes ({@code select … limit %d});</li>
 *   <li>PLAN: comma-separated {@code rows:repeats} steps, run in order; each step runs every target {@code repeats}
 *       times round-robin (e.g. {@code 200000:1,1000000:3});</li>
 *   <li>TARGET: {@code name=host:port:database:user:PASSWORD_ENV_VAR}.</li>
 * </ul>
 * Prints one line per run: {@code RESULT name rows seconds rows_per_s start_epoch_ms end_epoch_ms}, and before the
 * first run one {@code SAMPLE name v1|v2|…} line per target with its first row (to show what each target returns).
 */
public final class StreamRows {

    record Target(String name, String url, Properties properties) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java -cp postgresql.jar StreamRows.java SQL_TEMPLATE FETCH_SIZE PLAN TARGET...");
            System.exit(2);
        }
        String template = args[0];
        int fetchSize = Integer.parseInt(args[1]);
        List<long[]> plan = new ArrayList<>();
        for (String step : args[2].split(",")) {
            String[] parts = step.split(":");
            plan.add(new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1])});
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            targets.add(target(args[i]));
        }
        for (Target t : targets) {
            try (Connection c = DriverManager.getConnection(t.url(), t.properties())) {
                System.out.println("SAMPLE " + t.name() + " " + sample(c, template.formatted(1)));
            }
        }
        for (long[] step : plan) {
            for (int repeat = 0; repeat < step[1]; repeat++) {
                for (Target t : targets) {
                    run(t, template.formatted(step[0]), fetchSize);
                }
            }
        }
    }

    private static Target target(String spec) {
        String name = spec.substring(0, spec.indexOf('='));
        String[] p = spec.substring(spec.indexOf('=') + 1).split(":");
        Properties properties = new Properties();
        properties.setProperty("user", p[3]);
        properties.setProperty("password", System.getenv().getOrDefault(p[4], ""));
        properties.setProperty("sslmode", "disable");
        properties.setProperty("gssEncMode", "disable");
        properties.setProperty("ApplicationName", "stream-rows");
        return new Target(name, "jdbc:postgresql://" + p[0] + ":" + p[1] + "/" + p[2], properties);
    }

    private static String sample(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return "(no rows)";
            }
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            return row.toString();
        }
    }

    private static void run(Target t, String sql, int fetchSize) throws SQLException {
        try (Connection c = DriverManager.getConnection(t.url(), t.properties())) {
            c.setAutoCommit(false);
            long startMs = System.currentTimeMillis();
            long start = System.nanoTime();
            long rows = 0;
            long chars = 0;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(fetchSize);
                try (ResultSet rs = s.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= columns; i++) {
                            String v = rs.getString(i);
                            chars += v == null ? 0 : v.length();
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long endMs = System.currentTimeMillis();
            c.rollback();
            System.out.printf("RESULT %s %d %.3f %.0f %d %d chars=%d%n", t.name(), rows, seconds, rows / seconds,
                    startMs, endMs, chars);
            System.out.flush();
        }
    }
}
