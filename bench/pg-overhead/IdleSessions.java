import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Holds many authenticated, idle PostgreSQL sessions open through a gateway so the benchmark can read the
 * gateway's memory cost per session. Each session logs in (the password is the Sluice token from PGPASSWORD),
 * runs {@code SELECT 1} once so the upstream leg is known to be live, and then sits idle.
 *
 * <p>Run: {@code java -cp postgresql.jar IdleSessions.java HOST PORT DATABASE USER COUNT STOP_FILE MAX_HOLD_SECONDS}.
 * Prints {@code READY opened=N failed=F millis=T} once every session is open, then holds them until STOP_FILE
 * exists (or MAX_HOLD_SECONDS pass) and closes them all. Exit status 1 when any session failed to open.
 */
public final class IdleSessions {

    private static final int PARALLEL_OPENS = 8;

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: java -cp postgresql.jar IdleSessions.java HOST PORT DATABASE USER COUNT STOP_FILE MAX_HOLD_SECONDS");
            System.exit(2);
        }
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/" + args[2];
        int count = Integer.parseInt(args[4]);
        Path stopFile = Path.of(args[5]);
        long holdDeadline = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;

        Properties props = new Properties();
        props.setProperty("user", args[3]);
        props.setProperty("password", System.getenv().getOrDefault("PGPASSWORD", ""));
        props.setProperty("sslmode", "disable");
        props.setProperty("gssEncMode", "disable");
        props.setProperty("connectTimeout", "30");
        props.setProperty("ApplicationName", "idle-sessions");

        long started = System.nanoTime();
        List<Connection> open = new ArrayList<>(count);
        int failed = 0;
        String firstFailure = null;
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_OPENS)) {
            List<Future<Connection>> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                pending.add(pool.submit(() -> openOne(url, props)));
            }
            for (Future<Connection> f : pending) {
                try {
                    open.add(f.get());
                } catch (Exception e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                    }
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (firstFailure != null) {
            System.out.println("FIRST_FAILURE " + firstFailure);
        }
        System.out.println("READY opened=" + open.size() + " failed=" + failed + " millis=" + millis);
        System.out.flush();

        while (!Files.exists(stopFile) && System.nanoTime() < holdDeadline) {
            Thread.sleep(100);
        }
        for (Connection c : open) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the gateway may already be going away; nothing to do
            }
        }
        System.out.println("CLOSED " + open.size());
        System.exit(failed == 0 ? 0 : 1);
    }

    private static Connection openOne(String url, Properties props) throws SQLException {
        Connection c = DriverManager.getConnection(url, props);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }
}
