package dev.sluice.store;

import dev.sluice.core.approval.ApprovalKind;
import dev.sluice.core.approval.ApprovalQuery;
import dev.sluice.core.approval.ApprovalRequest;
import dev.sluice.core.approval.ApprovalStatus;
import dev.sluice.core.approval.ApprovalStore;
import dev.sluice.core.approval.Verdict;
import dev.sluice.core.approval.Vote;
import dev.sluice.core.approval.VoteResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Approval requests in {@code approval_requests}, their votes in {@code approval_votes}.
 *
 * <p>Votes are rows of a child table rather than a JSON array in the request row: a vote is appended, never
 * rewritten, so casting one is an insert (no read-modify-write of a growing document), the primary key
 * {@code (approval_id, reviewer)} makes the database itself refuse a second vote by the same reviewer, and votes can
 * be queried (who approved what) without parsing JSON per dialect.
 *
 * <p>A vote is one transaction: the request row is read with {@code FOR UPDATE} on PostgreSQL (on SQLite the
 * transaction holds the database's write lock), its votes are read, the core's rules judge the new vote, and the
 * vote, the new status and any access grant are written before commit. Concurrent voters, on any replica, are thus
 * judged one after the other. Resolving is a compare-and-set on {@code status = 'pending'}.
 */
final class JdbcApprovalStore implements ApprovalStore {

    private static final String COLUMNS = "id, kind, status, connection_name, session_id, command_id, requester, "
            + "requester_name, requester_groups_json, rule, statement, justification, approver_groups_json, "
            + "min_approvals, access_window_seconds, channels_json, created_at, expires_at, resolved_at, resolution, "
            + "holder";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM approval_requests";
    private static final String VOTE_COLUMNS = "approval_id, reviewer, position, reviewer_name, approve, comment, "
            + "cast_at";
    private static final String PENDING = ApprovalStatus.PENDING.label();

    private final WriteTransactions writes;
    private final DataSource reader;
    private final Dialect dialect;

    JdbcApprovalStore(WriteTransactions writes, DataSource reader, Dialect dialect) {
        this.writes = writes;
        this.reader = reader;
        this.dialect = dialect;
    }

    @Override
    public void create(ApprovalRequest request, List<String> channels) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(channels, "channels");
        if (!request.votes().isEmpty()) {
            throw new IllegalArgumentException("a new request has no votes");
        }
        writes.run("store approval request " + request.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO approval_requests (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, request.id());
                insert.setString(2, label(request.kind()));
                insert.setString(3, request.status().label());
                insert.setString(4, request.connection());
                insert.setString(5, request.sessionId());
                insert.setString(6, request.commandId());
                insert.setString(7, request.requester());
                insert.setString(8, request.requesterName());
                insert.setString(9, JsonStrings.write(new TreeSet<>(request.requesterGroups())));
                insert.setString(10, request.rule());
                insert.setString(11, request.statement());
                insert.setString(12, request.justification());
                insert.setString(13, JsonStrings.write(request.approverGroups()));
                insert.setInt(14, request.minApprovals());
                insert.setLong(15, request.accessWindow().toSeconds());
                insert.setString(16, JsonStrings.write(channels));
                dialect.setInstant(insert, 17, request.createdAt());
                dialect.setInstant(insert, 18, request.expiresAt());
                dialect.setInstant(insert, 19, request.resolvedAt().orElse(null));
                insert.setString(20, request.resolution());
                insert.setString(21, request.holder());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection connection = reader.getConnection()) {
            return find(connection, id, "");
        } catch (SQLException e) {
            throw writes.failure("read approval request " + id, e);
        }
    }

    @Override
    public List<ApprovalRequest> list(ApprovalQuery query) {
        Objects.requireNonNull(query, "query");
        List<String> conditions = new ArrayList<>();
        List<String> values = new ArrayList<>();
        query.status().ifPresent(s -> {
            conditions.add("status = ?");
            values.add(s.label());
        });
        query.kind().ifPresent(k -> {
            conditions.add("kind = ?");
            values.add(label(k));
        });
        query.connection().ifPresent(c -> {
            conditions.add("connection_name = ?");
            values.add(c);
        });
        query.requester().ifPresent(r -> {
            conditions.add("requester = ?");
            values.add(r);
        });
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        try (Connection connection = reader.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT + where
                     + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            for (int i = 0; i < values.size(); i++) {
                select.setString(i + 1, values.get(i));
            }
            select.setInt(values.size() + 1, query.limit());
            List<Row> rows = rows(select);
            Map<String, List<Vote>> votes = votes(connection, rows.stream().map(Row::id).toList());
            return rows.stream().map(r -> r.request(votes.getOrDefault(r.id(), List.of()))).toList();
        } catch (SQLException e) {
            throw writes.failure("list approval requests", e);
        }
    }

    @Override
    public List<String> channels(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection connection = reader.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT channels_json FROM approval_requests WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? JsonStrings.read(row.getString(1), "channels") : List.of();
            }
        } catch (SQLException e) {
            throw writes.failure("read the channels of approval request " + id, e);
        }
    }

    @Override
    public Optional<VoteResult> vote(String id, Vote vote, Function<ApprovalRequest, Verdict> judge) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vote, "vote");
        Objects.requireNonNull(judge, "judge");
        return writes.run("record a vote on approval request " + id, connection -> {
            Optional<ApprovalRequest> locked = find(connection, id, dialect.forUpdate());
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            ApprovalRequest current = locked.get();
            return Optional.of(switch (judge.apply(current)) {
                case Verdict.Refuse refuse -> refuse.refusal();
                case Verdict.Count count -> {
                    insertVote(connection, id, current.votes().size() + 1, vote);
                    if (count.status().isFinal()
                            && !compareAndResolve(connection, id, count.status(), count.resolution(), vote.at())) {
                        // The row is locked and was pending when judged; this cannot happen, and must not pass.
                        throw new SQLException("approval request " + id + " changed under its lock");
                    }
                    if (count.grant().isPresent()) {
                        JdbcGrantStore.insert(connection, dialect, count.grant().get());
                    }
                    yield new VoteResult.Counted(find(connection, id, "").orElseThrow());
                }
            });
        });
    }

    @Override
    public Optional<ApprovalRequest> resolve(String id, ApprovalStatus status, String resolution, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(at, "at");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("a request resolves to a final status");
        }
        return writes.run("resolve approval request " + id, connection ->
                compareAndResolve(connection, id, status, resolution, at) ? find(connection, id, "")
                        : Optional.empty());
    }

    private boolean compareAndResolve(Connection connection, String id, ApprovalStatus status, String resolution,
                                      Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE approval_requests "
                + "SET status = ?, resolution = ?, resolved_at = ? WHERE id = ? AND status = ?")) {
            update.setString(1, status.label());
            update.setString(2, resolution);
            dialect.setInstant(update, 3, at);
            update.setString(4, id);
            update.setString(5, PENDING);
            return update.executeUpdate() == 1;
        }
    }

    private void insertVote(Connection connection, String id, int position, Vote vote) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO approval_votes (" + VOTE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, vote.reviewer());
            insert.setInt(3, position);
            insert.setString(4, vote.reviewerName());
            insert.setBoolean(5, vote.approve());
            insert.setString(6, vote.comment());
            dialect.setInstant(insert, 7, vote.at());
            insert.executeUpdate();
        }
    }

    /** The request with its votes, read on {@code connection}; {@code lock} is appended to the request's select. */
    private Optional<ApprovalRequest> find(Connection connection, String id, String lock) throws SQLException {
        List<Row> rows;
        try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE id = ?" + lock)) {
            select.setString(1, id);
            rows = rows(select);
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rows.getFirst().request(votes(connection, List.of(id)).getOrDefault(id, List.of())));
    }

    /** The votes of these requests, each list in casting order. */
    private Map<String, List<Vote>> votes(Connection connection, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Map<String, List<Vote>> votes = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + VOTE_COLUMNS
                + " FROM approval_votes WHERE approval_id IN (" + marks + ") ORDER BY approval_id, position")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setString(i + 1, ids.get(i));
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    votes.computeIfAbsent(row.getString("approval_id"), k -> new ArrayList<>()).add(new Vote(
                            row.getString("reviewer"), row.getString("reviewer_name"), row.getBoolean("approve"),
                            row.getString("comment"), dialect.getInstant(row, "cast_at")));
                }
            }
        }
        return votes;
    }

    /** A request row before its votes are attached. */
    private record Row(String id, ApprovalKind kind, ApprovalStatus status, String connection, String sessionId,
                      String commandId, String requester, String requesterName, List<String> requesterGroups,
                      String rule, String statement, String justification, List<String> approverGroups,
                      int minApprovals, Duration accessWindow, Instant createdAt, Instant expiresAt,
                      Optional<Instant> resolvedAt, String resolution, String holder) {

        ApprovalRequest request(List<Vote> votes) {
            return new ApprovalRequest(id, kind, status, connection, sessionId, commandId, requester, requesterName,
                    Set.copyOf(requesterGroups), rule, statement, justification, approverGroups,
                    minApprovals, accessWindow, createdAt, expiresAt, votes, resolvedAt, resolution, holder);
        }
    }

    private List<Row> rows(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(new Row(row.getString("id"), parse(ApprovalKind.class, row.getString("kind")),
                        parse(ApprovalStatus.class, row.getString("status")), row.getString("connection_name"),
                        row.getString("session_id"), row.getString("command_id"), row.getString("requester"),
                        row.getString("requester_name"),
                        JsonStrings.read(row.getString("requester_groups_json"), "requester groups"),
                        row.getString("rule"), row.getString("statement"), row.getString("justification"),
                        JsonStrings.read(row.getString("approver_groups_json"), "approver groups"),
                        row.getInt("min_approvals"), Duration.ofSeconds(row.getLong("access_window_seconds")),
                        dialect.getInstant(row, "created_at"), dialect.getInstant(row, "expires_at"),
                        Optional.ofNullable(dialect.getInstant(row, "resolved_at")), row.getString("resolution"),
                        row.getString("holder")));
            }
        }
        return rows;
    }

    private static String label(ApprovalKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String label) {
        try {
            return Enum.valueOf(type, label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException("an approval request has an unknown " + type.getSimpleName() + " in the store",
                    null);
        }
    }
}
