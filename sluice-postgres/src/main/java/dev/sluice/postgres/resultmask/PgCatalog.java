package dev.sluice.postgres.resultmask;

import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.postgres.codec.FrameReader;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.codec.frontend.Query;
import dev.sluice.postgres.upstream.UpstreamConnection;
import dev.sluice.postgres.upstream.UpstreamConnector;
import dev.sluice.postgres.upstream.UpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the masking needs of one connection's catalog: which table column a RowDescription's (table OID, attribute
 * number) is, and which columns a table named in a COPY has. Asked on a side connection of its own, opened lazily
 * with the connection's target and credentials, so the client's protocol stream is never disturbed; shared by every
 * session of the connection, one query at a time. Answers are cached by table OID and dropped when a session sees
 * DDL complete ({@link #invalidate}).
 *
 * <p>Anything that fails (the side connection cannot open, a query errors, the server goes away) answers "unknown",
 * which the masking treats as unknown lineage: never as "unprotected".
 */
public final class PgCatalog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PgCatalog.class);
    private static final int MAX_MESSAGE_BYTES = 16 << 20;
    private static final int MAX_CACHED_TABLES = 10_000;
    /** Identifiers the name lookups accept; anything else is "unknown" rather than quoted into SQL. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_$]{0,62}");

    /** A relation and its columns by attribute number. */
    public record Table(String schema, String name, char kind, Map<Integer, String> columns) {
        /** A plain or partitioned table, whose columns are the data's real source. */
        public boolean plain() {
            return kind == 'r' || kind == 'p';
        }
    }

    /** A column of a table named in a statement: its name and type. */
    public record NamedColumn(String name, int typeOid) {
    }

    private final ConnectionSpec connection;
    private final UpstreamConnector connector;
    private final ConcurrentHashMap<Integer, Table> tables = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, List<NamedColumn>> byName = new ConcurrentHashMap<>();
    private UpstreamConnection side;
    private FrameReader frames;
    private boolean closed;

    public PgCatalog(ConnectionSpec connection, UpstreamConnector connector) {
        this.connection = connection;
        this.connector = connector;
    }

    /** The tables with these OIDs that the catalog knows; missing ones are unknown. */
    public Map<Integer, Table> tables(Collection<Integer> oids) {
        Map<Integer, Table> found = new HashMap<>();
        List<Integer> missing = new ArrayList<>();
        for (int oid : oids) {
            if (oid == 0) {
                continue;
            }
            Table cached = tables.get(oid);
            if (cached != null) {
                found.put(oid, cached);
            } else if (!missing.contains(oid)) {
                missing.add(oid);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        StringBuilder list = new StringBuilder();
        for (int oid : missing) {
            list.append(list.isEmpty() ? "" : ",").append(Integer.toUnsignedString(oid));
        }
        Optional<List<List<String>>> rows = query("select c.oid, n.nspname, c.relname, c.relkind, a.attnum, a.attname "
                + "from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
                + "join pg_catalog.pg_attribute a on a.attrelid = c.oid "
                + "where c.oid = any('{" + list + "}'::pg_catalog.oid[]) and a.attnum > 0 and not a.attisdropped");
        if (rows.isEmpty()) {
            return found;
        }
        Map<Integer, Table> loaded = new HashMap<>();
        for (List<String> row : rows.get()) {
            int oid = (int) Long.parseLong(row.get(0));
            Table table = loaded.computeIfAbsent(oid, o -> new Table(row.get(1), row.get(2),
                    row.get(3).isEmpty() ? '?' : row.get(3).charAt(0), new HashMap<>()));
            table.columns().put(Integer.parseInt(row.get(4)), row.get(5));
        }
        if (tables.size() + loaded.size() > MAX_CACHED_TABLES) {
            tables.clear();
        }
        loaded.forEach((oid, table) -> {
            Table frozen = new Table(table.schema(), table.name(), table.kind(), Map.copyOf(table.columns()));
            tables.put(oid, frozen);
            found.put(oid, frozen);
        });
        return found;
    }

    /**
     * The columns of a table named in a statement, in order, as the side connection's search path resolves it; empty
     * when unknown (a name this lookup does not quote, a table that does not exist or is not yet committed).
     *
     * @param schema null for an unqualified name
     */
    public Optional<List<NamedColumn>> columns(String schema, String table) {
        if (table == null || !PLAIN_NAME.matcher(table).matches()
                || schema != null && !PLAIN_NAME.matcher(schema).matches()) {
            return Optional.empty();
        }
        String name = (schema == null ? "" : quoteIdent(schema) + ".") + quoteIdent(table);
        List<NamedColumn> cached = byName.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<List<List<String>>> rows = query("select a.attname, a.atttypid from pg_catalog.pg_attribute a "
                + "where a.attrelid = pg_catalog.to_regclass('" + name.replace("'", "''") + "') "
                + "and a.attnum > 0 and not a.attisdropped order by a.attnum");
        if (rows.isEmpty() || rows.get().isEmpty()) {
            return Optional.empty();
        }
        List<NamedColumn> columns = new ArrayList<>();
        for (List<String> row : rows.get()) {
            columns.add(new NamedColumn(row.get(0), (int) Long.parseLong(row.get(1))));
        }
        if (byName.size() > MAX_CACHED_TABLES) {
            byName.clear();
        }
        byName.put(name, List.copyOf(columns));
        return Optional.of(List.copyOf(columns));
    }

    /** A session saw DDL complete: tables may have been renamed, altered, dropped or created. */
    public void invalidate() {
        tables.clear();
        byName.clear();
    }

    private static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Runs one simple Query on the side connection; the rows as text, or empty on any failure. */
    private synchronized Optional<List<List<String>>> query(String sql) {
        if (closed) {
            return Optional.empty();
        }
        try {
            if (side == null || side.isClosed()) {
                side = connector.connect(connection.target(), connection.credentials(),
                        Map.of("application_name", "sluice-catalog", "client_encoding", "UTF8"), MAX_MESSAGE_BYTES);
                frames = new FrameReader(side.in(), MAX_MESSAGE_BYTES);
            }
            side.out().write(new Query(sql).encode());
            side.out().flush();
            List<List<String>> rows = new ArrayList<>();
            boolean failed = false;
            while (true) {
                PgFrame frame = frames.read();
                if (frame == null) {
                    throw new IOException("the server closed the catalog connection");
                }
                switch (frame.typeChar()) {
                    case 'D' -> rows.add(dataRow(frame.body()));
                    case 'E' -> failed = true;
                    case 'Z' -> {
                        return failed ? Optional.empty() : Optional.of(rows);
                    }
                    default -> {
                        // RowDescription, CommandComplete, notices, parameter changes: nothing to learn
                    }
                }
            }
        } catch (UpstreamException | IOException | RuntimeException e) {
            log.warn("connection {}: catalog lookup for masking failed; columns count as of unknown source ({})",
                    connection.name(), e.getMessage());
            closeSide();
            return Optional.empty();
        }
    }

    private static List<String> dataRow(byte[] body) {
        int count = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        List<String> values = new ArrayList<>(count);
        int at = 2;
        for (int i = 0; i < count; i++) {
            int length = ((body[at] & 0xFF) << 24) | ((body[at + 1] & 0xFF) << 16) | ((body[at + 2] & 0xFF) << 8)
                    | (body[at + 3] & 0xFF);
            at += 4;
            if (length < 0) {
                values.add("");
            } else {
                values.add(new String(body, at, length, StandardCharsets.UTF_8));
                at += length;
            }
        }
        return values;
    }

    private void closeSide() {
        if (side != null) {
            side.close();
            side = null;
            frames = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeSide();
    }
}
