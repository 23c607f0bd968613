package dev.sluice.postgres.resultmask;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.ColumnMasking;
import dev.sluice.core.masking.MaskStrategy;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.NullValue;
import dev.sluice.core.masking.ResultMasking;
import dev.sluice.core.masking.ResultMasking.ColumnDecision;
import dev.sluice.core.masking.ResultMasking.OutputColumn;
import dev.sluice.core.masking.ResultMasking.Source;
import dev.sluice.core.masking.ResultMasking.WireSource;
import dev.sluice.core.masking.TableColumns;
import dev.sluice.core.masking.UndecodableValueException;
import dev.sluice.core.masking.ValueKind;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.sql.SqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import dev.sluice.core.sql.SqlSplitter;
import dev.sluice.postgres.codec.PgFrame;
import dev.sluice.postgres.masking.Column;
import dev.sluice.postgres.masking.ColumnAction;
import dev.sluice.postgres.masking.CopyDescription;
import dev.sluice.postgres.masking.CopyOutRewriter;
import dev.sluice.postgres.masking.MaskingFilter;
import dev.sluice.postgres.masking.ValueContext;
import dev.sluice.postgres.session.ClientBoundFilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One session's masking, when its connection has a masking policy and its identity is not exempt: makes the plan of
 * every command ({@link #plan}), and filters every client-bound message through the codec's {@link MaskingFilter}
 * with decisions taken here — each result column resolved through the {@link PgCatalog} (RowDescription's table OID
 * and attribute number) or, for expressions, SQL lineage, then decided by the core's {@link ResultMasking}.
 *
 * <p>Keeps track of which statement of a multi-statement Query a result answers (one result per statement, in
 * order), what a COPY statement said, and drops the shared catalog cache when DDL or a COMMIT completes. Called on the
 * session's upstream thread only (and {@link #plan} on its client thread, which touches no state).
 */
public final class MaskingSession implements ClientBoundFilter {

    private static final SqlSplitter SPLITTER = new SqlSplitter(SqlDialect.POSTGRESQL);

    private final MaskingPolicy policy;
    private final TextScrubber net;
    private final PgCatalog catalog;
    private final ResultMasking.SqlLineage lineage;
    private final SqlAnalyzer analyzer;
    private final MaskingFilter codec;

    private MaskPlan current = MaskPlan.NONE;
    private MaskPlan indexed;
    private int statementIndex;
    /** Set while the codec asks for a COPY's description, consumed by the decision that follows. */
    private CopyCase copyCase;

    private record CopyCase(List<Source> sources, List<Integer> types, SqlStatement query, String refusal) {
    }

    MaskingSession(MaskingPolicy policy, TextScrubber net, PgCatalog catalog, ResultMasking.SqlLineage lineage,
                   SqlAnalyzer analyzer) {
        this.policy = policy;
        this.net = net;
        this.catalog = catalog;
        this.lineage = lineage;
        this.analyzer = analyzer;
        this.codec = new MaskingFilter(this::decide, net::scrub, this::copyDescription, ValueContext.DEFAULT,
                CopyOutRewriter.DEFAULT_MAX_ROW_BYTES);
    }

    /**
     * The labels of the column rules that fired, per command plan (by identity: each command has its own plan
     * instance). Written on the upstream thread, drained by the session's ledger when the command completes.
     */
    private final Map<MaskPlan, Set<String>> fired = new java.util.IdentityHashMap<>();

    private synchronized void noteFired(List<ColumnDecision> decisions) {
        for (ColumnDecision decision : decisions) {
            for (var rule : decision.rules()) {
                fired.computeIfAbsent(current, plan -> new java.util.TreeSet<>()).add(rule.label());
            }
        }
    }

    @Override
    public synchronized Set<String> rulesFired(MaskPlan plan) {
        Set<String> rules = fired.remove(plan);
        return rules == null ? Set.of() : rules;
    }

    @Override
    public MaskPlan plan(SqlCommand command, MaskPlan decided) {
        return MaskPlan.of(policy, net, command);
    }

    @Override
    public PgFrame filter(PgFrame frame, MaskPlan plan) {
        char type = frame.typeChar();
        if (plan.masksAnything() && plan != indexed) {
            indexed = plan;
            statementIndex = 0;
        }
        current = plan;
        PgFrame out = codec.filter(frame, plan);
        switch (type) {
            case 'C' -> {
                statementIndex++;
                invalidateAfter(frame);
            }
            case 'I' -> statementIndex++;
            case 'Z' -> indexed = null;
            default -> {
            }
        }
        return out;
    }

    /** Whether the codec is dropping the rest of a refused result (for tests and the session's records). */
    public boolean refusing() {
        return codec.refusing();
    }

    private void invalidateAfter(PgFrame complete) {
        byte[] body = complete.body();
        int end = body.length > 0 && body[body.length - 1] == 0 ? body.length - 1 : body.length;
        String tag = new String(body, 0, end, StandardCharsets.US_ASCII);
        if (tag.startsWith("CREATE") || tag.startsWith("ALTER") || tag.startsWith("DROP") || tag.equals("COMMIT")
                || tag.startsWith("IMPORT") || tag.equals("SET") || tag.equals("RESET") || tag.startsWith("DISCARD")) {
            catalog.invalidate();
        }
    }

    private SqlStatement statement() {
        if (current.statements().size() == 1) {
            return current.statements().getFirst();
        }
        return current.statement(statementIndex);
    }

    private String statementText() {
        if (current.statements().size() == 1) {
            return current.text();
        }
        List<String> texts = SPLITTER.split(current.text());
        return texts.size() == current.statements().size() && statementIndex < texts.size()
                ? texts.get(statementIndex) : null;
    }

    // ------------------------------------------------------------------------------------------- row results

    private List<ColumnAction> decide(List<Column> columns) {
        CopyCase copy = copyCase;
        copyCase = null;
        if (copy != null) {
            return decideCopy(copy, columns);
        }
        Set<Integer> oids = new HashSet<>();
        columns.forEach(c -> oids.add(c.tableOid()));
        oids.remove(0);
        Map<Integer, PgCatalog.Table> tables = oids.isEmpty() ? Map.of() : catalog.tables(oids);
        List<OutputColumn> outputs = new ArrayList<>(columns.size());
        for (Column column : columns) {
            outputs.add(new OutputColumn(column.name(), wireSource(column, tables), PgValueKinds.of(column.typeOid())));
        }
        List<ColumnDecision> decisions = ResultMasking.decide(current, statement(), outputs, lineage, tableColumns());
        noteFired(decisions);
        return actions(decisions, outputs);
    }

    private static WireSource wireSource(Column column, Map<Integer, PgCatalog.Table> tables) {
        if (column.tableOid() == 0) {
            return WireSource.NONE;
        }
        PgCatalog.Table table = tables.get(column.tableOid());
        String name = table == null ? null : table.columns().get(column.attributeNumber());
        if (name == null) {
            return WireSource.NONE; // not resolved: SQL lineage, else unknown
        }
        Source source = new Source(table.schema(), table.name(), name);
        return table.plain() ? new WireSource.TableColumn(source) : new WireSource.Indirect(source);
    }

    private TableColumns tableColumns() {
        return (schema, table) -> catalog.columns(schema, table)
                .map(columns -> {
                    Set<String> names = new java.util.LinkedHashSet<>();
                    columns.forEach(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
                    return names;
                });
    }

    private List<ColumnAction> actions(List<ColumnDecision> decisions, List<OutputColumn> outputs) {
        List<ColumnAction> actions = new ArrayList<>(decisions.size());
        for (int i = 0; i < decisions.size(); i++) {
            ValueKind kind = outputs.get(i).kind();
            actions.add(switch (decisions.get(i)) {
                case ColumnDecision.Pass p -> ColumnAction.pass();
                case ColumnDecision.Mask mask -> action(mask.strategy(), kind, mask.keepsType());
                case ColumnDecision.MaskJson json -> ColumnAction.rewrite(value -> maskJson(json.paths(), value), true);
                case ColumnDecision.Refuse refuse -> ColumnAction.refuse(refuse.reason());
            });
        }
        return actions;
    }

    private static ColumnAction action(MaskStrategy strategy, ValueKind kind, boolean keepsType) {
        if (strategy instanceof NullValue) {
            return ColumnAction.toNull();
        }
        return ColumnAction.rewrite(value -> strategy.mask(value, kind), keepsType);
    }

    private String maskJson(ColumnMasking.JsonPaths paths, String value) {
        try {
            return paths.mask(value);
        } catch (UndecodableValueException e) {
            if (policy.onUndecodable() == MaskingPolicy.OnUndecodable.DENY) {
                throw new IllegalStateException("a JSON value under a rule could not be read (on_undecodable: deny)");
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ COPY

    private CopyDescription copyDescription(MaskPlan plan) {
        String text = statementText();
        Optional<CopyStatement> parsed = text == null ? Optional.empty() : CopyStatement.parse(text);
        if (parsed.isEmpty()) {
            copyCase = new CopyCase(List.of(), List.of(), null,
                    "the gateway could not read this COPY statement's options, so it cannot mask its data");
            return CopyDescription.UNKNOWN;
        }
        CopyStatement copy = parsed.get();
        if (copy.encoding() != null) {
            ValueContext context = codec.context();
            boolean same;
            try {
                same = context.withClientEncoding(copy.encoding()).charset().equals(context.charset());
            } catch (RuntimeException e) {
                same = false;
            }
            if (!same) {
                copyCase = new CopyCase(List.of(), List.of(), null,
                        "COPY with an ENCODING other than the session's client_encoding cannot be masked");
                return CopyDescription.UNKNOWN;
            }
        }
        if (copy.query() != null) {
            List<SqlStatement> analysed = analyzer.analyze(copy.query());
            copyCase = new CopyCase(null, List.of(), analysed.size() == 1 ? analysed.getFirst() : null, null);
            return new CopyDescription(copy.layout(), List.of());
        }
        Optional<List<PgCatalog.NamedColumn>> known = catalog.columns(copy.schema(), copy.table());
        List<Source> sources = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        if (!copy.columns().isEmpty()) {
            for (String name : copy.columns()) {
                sources.add(new Source(copy.schema(), copy.table(), name));
                types.add(known.flatMap(cs -> cs.stream().filter(c -> c.name().equals(name)).findFirst())
                        .map(PgCatalog.NamedColumn::typeOid).orElse(0));
            }
        } else if (known.isPresent()) {
            for (PgCatalog.NamedColumn column : known.get()) {
                sources.add(new Source(copy.schema(), copy.table(), column.name()));
                types.add(column.typeOid());
            }
        } else {
            sources = null; // columns unknown: every column is of unknown source
        }
        copyCase = new CopyCase(sources, types, null, null);
        return new CopyDescription(copy.layout(), copy.binary() ? types : List.of());
    }

    private List<ColumnAction> decideCopy(CopyCase copy, List<Column> columns) {
        if (copy.refusal() != null) {
            return columns.stream().map(c -> ColumnAction.refuse(copy.refusal())).toList();
        }
        List<OutputColumn> outputs = new ArrayList<>(columns.size());
        boolean matches = copy.sources() != null && copy.sources().size() == columns.size();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            int oid = column.typeOid() != 0 ? column.typeOid()
                    : matches && i < copy.types().size() ? copy.types().get(i) : 0;
            // textual COPY carries text whatever the type: a masked value need not parse as the column's type
            ValueKind kind = column.binary() ? PgValueKinds.of(oid) : ValueKind.TEXT;
            WireSource wire = matches ? new WireSource.TableColumn(copy.sources().get(i)) : WireSource.NONE;
            outputs.add(new OutputColumn("column " + (i + 1), wire, kind));
        }
        SqlStatement statement = copy.query() != null ? copy.query() : statement();
        List<ColumnDecision> decisions = ResultMasking.decide(current, statement, outputs, lineage, tableColumns());
        noteFired(decisions);
        return actions(decisions, outputs);
    }
}
