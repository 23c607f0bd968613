package dev.sluice.core.lineage;

import dev.sluice.core.lineage.BuiltinFunctions.Kind;
import dev.sluice.core.lineage.BuiltinFunctions.Spec;
import dev.sluice.core.lineage.ColumnOrigin.Derived;
import dev.sluice.core.lineage.ColumnOrigin.Direct;
import dev.sluice.core.lineage.ColumnOrigin.Unknown;
import dev.sluice.core.lineage.Slot.Named;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.CollateExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonAggregateFunction;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.JsonFunction;
import net.sf.jsqlparser.expression.JsonFunctionExpression;
import net.sf.jsqlparser.expression.JsonKeyValuePair;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NextValExpression;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.NumericBind;
import net.sf.jsqlparser.expression.OverlapsCondition;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.RowGetExpression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The origin of an expression's value, resolving column names through the scopes of the query it is in.
 * Expressions of a kind not handled here are {@link Unknown}; so are calls to functions
 * {@link BuiltinFunctions} does not know.
 */
final class ExpressionLineage {

    /** Unquoted names PostgreSQL reads as keywords with a value, never as columns. */
    private static final Set<String> KEYWORD_VALUES = Set.of("current_user", "session_user", "current_role",
            "user", "current_catalog", "current_schema", "current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "default", "true", "false", "null");

    /** Casts that keep the value's text (a type modifier such as {@code varchar(3)} may cut it: not these). */
    private static final Set<String> TEXT_KEEPING_TYPES = Set.of("text", "varchar", "character varying", "bpchar",
            "citext", "json", "jsonb", "unknown");

    private final QueryLineage queries;

    ExpressionLineage(QueryLineage queries) {
        this.queries = queries;
    }

    /** A function in FROM: its name, the origin of each of its columns, and their names if known. */
    record TableFunctionResult(String name, ColumnOrigin origin, List<String> columns) {
    }

    ColumnOrigin origin(Expression expression, Scope scope) {
        return switch (expression) {
            case null -> ColumnOrigin.CONSTANT;
            case Column column -> column(column, scope);
            case AllTableColumns all -> Slots.wholeRow(queries.relationColumns(all.getTable(), scope),
                    all.getTable().getName());
            case AllColumns all -> Slots.wholeRow(scope.star, "the FROM clause");
            case JdbcParameter _, JdbcNamedParameter _, NumericBind _, LongValue _, DoubleValue _, StringValue _,
                 NullValue _, BooleanValue _, DateValue _, TimeValue _, TimestampValue _, HexValue _,
                 DateTimeLiteralExpression _, TimeKeyExpression _, NextValExpression _, AllValue _ ->
                    ColumnOrigin.CONSTANT;
            case IntervalExpression interval -> transformed(scope, interval.getExpression());
            case SignedExpression signed -> transformed(scope, signed.getExpression());
            case NotExpression not -> transformed(scope, not.getExpression());
            case CastExpression cast -> cast(cast, scope);
            case AnalyticExpression analytic -> analytic(analytic, scope);
            case Function function -> function(function, scope);
            case CaseExpression caseExpression -> caseExpression(caseExpression, scope);
            case WhenClause when -> transformed(scope, when.getWhenExpression(), when.getThenExpression());
            case RowConstructor<?> row -> Origins.contained(origins(new ArrayList<>(row), scope));
            case ParenthesedExpressionList<?> list when list.size() == 1 -> origin(list.getFirst(), scope);
            case ParenthesedExpressionList<?> list -> Origins.contained(origins(new ArrayList<>(list), scope));
            case ExpressionList<?> list -> Origins.transformed(origins(new ArrayList<>(list), scope));
            case Select select -> subquery(select, scope);
            case ExistsExpression exists -> {
                origin(exists.getRightExpression(), scope); // its WHERE is collected as predicates
                yield ColumnOrigin.CONSTANT;
            }
            case InExpression in -> transformed(scope, in.getLeftExpression(), in.getRightExpression());
            case Between between -> transformed(scope, between.getLeftExpression(),
                    between.getBetweenExpressionStart(), between.getBetweenExpressionEnd());
            case IsNullExpression isNull -> transformed(scope, isNull.getLeftExpression());
            case IsBooleanExpression isBoolean -> transformed(scope, isBoolean.getLeftExpression());
            case AnyComparisonExpression any -> any.getSelect() == null
                    ? new Unknown("ANY/ALL over an array is not analysed") : subquery(any.getSelect(), scope);
            case net.sf.jsqlparser.expression.operators.relational.LikeExpression like ->
                    transformed(scope, like.getLeftExpression(), like.getRightExpression(), like.getEscape());
            case BinaryExpression binary -> transformed(scope, binary.getLeftExpression(),
                    binary.getRightExpression());
            case JsonExpression json -> {
                List<ColumnOrigin> parts = new ArrayList<>();
                parts.add(origin(json.getExpression(), scope));
                if (json.getIdentList() != null) {
                    json.getIdentList().forEach(ident -> parts.add(origin(ident.getKey(), scope)));
                }
                yield Origins.transformed(parts);
            }
            case ExtractExpression extract -> transformed(scope, extract.getExpression());
            case TrimFunction trim -> transformed(scope, trim.getExpression(), trim.getFromExpression());
            case TimezoneExpression zone -> {
                List<ColumnOrigin> parts = new ArrayList<>();
                parts.add(origin(zone.getLeftExpression(), scope));
                if (zone.getTimezoneExpressions() != null) {
                    zone.getTimezoneExpressions().forEach(e -> parts.add(origin(e, scope)));
                }
                yield Origins.transformed(parts);
            }
            case ArrayConstructor array -> Origins.elements(array.getExpressions() == null ? List.of()
                    : origins(new ArrayList<>(array.getExpressions()), scope));
            case ArrayExpression subscript -> transformed(scope, subscript.getObjExpression(),
                    subscript.getIndexExpression(), subscript.getStartIndexExpression(),
                    subscript.getStopIndexExpression());
            case RowGetExpression field -> rowField(field, scope);
            case CollateExpression collate -> origin(collate.getLeftExpression(), scope);
            case JsonFunction json -> jsonFunction(json, scope);
            case JsonAggregateFunction json -> jsonAggregate(json, scope);
            case OverlapsCondition overlaps -> transformed(scope, overlaps.getLeft(), overlaps.getRight());
            default -> new Unknown("an expression of kind " + expression.getClass().getSimpleName()
                    + " is not analysed");
        };
    }

    // ---- columns -----------------------------------------------------------------------------------------

    private ColumnOrigin column(Column column, Scope scope) {
        ColumnOrigin value = reference(column, scope);
        if (column.getArrayConstructor() == null || column.getArrayConstructor().getExpressions() == null) {
            return value;
        }
        List<ColumnOrigin> parts = new ArrayList<>();
        parts.add(value); // a subscript: an element of an array, a member of a jsonb document
        column.getArrayConstructor().getExpressions().forEach(e -> parts.add(origin(e, scope)));
        return Origins.transformed(parts);
    }

    private ColumnOrigin reference(Column column, Scope scope) {
        String raw = column.getColumnName();
        String name = Names.identifier(raw);
        Table table = column.getTable();
        if (table == null || table.getName() == null) {
            if (!Names.quoted(raw) && KEYWORD_VALUES.contains(name)) {
                return ColumnOrigin.CONSTANT;
            }
            return unqualified(name, scope, true).orElseThrow();
        }
        String[] qualifier = Names.table(table);
        return qualified(qualifier[0], qualifier[1], name, scope);
    }

    /**
     * The origin of an unqualified input column (not an output alias), if some relation in scope may have it:
     * for GROUP BY, which prefers input columns.
     */
    Optional<ColumnOrigin> inputColumn(Column column, Scope scope) {
        return unqualified(Names.identifier(column.getColumnName()), scope, false);
    }

    /**
     * An unqualified name: a column of a relation at the innermost level where one certainly has it, together with
     * every relation on the way that may have it (a table whose columns are unknown); otherwise a whole-row
     * reference to a relation of that name. When nothing matches at all, the catalog may be stale: any table in
     * scope may have it ({@code fallback}).
     */
    private Optional<ColumnOrigin> unqualified(String name, Scope scope, boolean fallback) {
        List<ColumnOrigin> found = new ArrayList<>();
        for (Scope level = scope; level != null; level = level.parent) {
            boolean definite = false;
            for (Relation relation : level.relations) {
                Slots.Match match = Slots.lookup(relation.columns(), name);
                found.addAll(match.all());
                definite |= !match.definite().isEmpty();
            }
            if (!definite) {
                for (Relation relation : level.relations) {
                    if (name.equals(relation.alias())) {
                        found.add(Slots.wholeRow(relation.columns(), relation.label()));
                        definite = true;
                    }
                }
            }
            if (definite) {
                return Optional.of(Origins.oneOf(found));
            }
        }
        if (!found.isEmpty()) {
            return Optional.of(Origins.oneOf(found));
        }
        if (!fallback) {
            return Optional.empty();
        }
        for (Scope level = scope; level != null; level = level.parent) {
            for (Relation relation : level.relations) {
                if (relation.table() != null) {
                    found.add(relation.table().column(name));
                }
            }
        }
        return Optional.of(found.isEmpty() ? new Unknown("the column " + name + " is in no table in scope")
                : Origins.oneOf(found));
    }

    private static ColumnOrigin qualified(String schema, String relationName, String name, Scope scope) {
        for (Scope level = scope; level != null; level = level.parent) {
            List<ColumnOrigin> found = new ArrayList<>();
            for (Relation relation : level.relations) {
                if (!relation.matches(schema, relationName)) {
                    continue;
                }
                Slots.Match match = Slots.lookup(relation.columns(), name);
                if (!match.isEmpty()) {
                    found.addAll(match.all());
                } else if (relation.table() != null) {
                    found.add(relation.table().column(name)); // the catalog may be stale
                } else {
                    found.add(new Unknown(relation.label() + " has no column " + name));
                }
            }
            if (!found.isEmpty()) {
                return Origins.oneOf(found);
            }
        }
        return new Unknown("no table " + relationName + " in scope for the column " + name);
    }

    /**
     * The fields of a row-valued expression ({@code p.*}, a bare relation name {@code p}, {@code ROW(a, b)}),
     * or null when the expression is not one.
     */
    private List<Slot> row(Expression expression, Scope scope) {
        switch (expression) {
            case AllTableColumns all -> {
                return queries.relationColumns(all.getTable(), scope);
            }
            case Column column when (column.getTable() == null || column.getTable().getName() == null)
                    && column.getArrayConstructor() == null -> {
                String name = Names.identifier(column.getColumnName());
                for (Scope level = scope; level != null; level = level.parent) {
                    List<Slot> fields = null;
                    for (Relation relation : level.relations) {
                        if (!Slots.lookup(relation.columns(), name).isEmpty()) {
                            return null; // a column of that name (maybe): not cleanly a row
                        }
                        if (name.equals(relation.alias())) {
                            fields = fields == null ? new ArrayList<>() : fields;
                            fields.addAll(relation.columns());
                        }
                    }
                    if (fields != null) {
                        return fields;
                    }
                }
                return null;
            }
            case RowConstructor<?> constructor -> {
                return fields(new ArrayList<>(constructor), scope);
            }
            case Function function when "row".equals(Names.function(function.getMultipartName()))
                    && function.getParameters() != null -> {
                return fields(new ArrayList<>(function.getParameters()), scope);
            }
            case ParenthesedExpressionList<?> list when list.size() == 1 -> {
                return row(list.getFirst(), scope);
            }
            case ParenthesedExpressionList<?> list -> {
                return fields(new ArrayList<>(list), scope);
            }
            case null, default -> {
                return null;
            }
        }
    }

    /** An anonymous record's fields: PostgreSQL names them f1, f2… */
    private List<Slot> fields(List<Expression> values, Scope scope) {
        List<Slot> fields = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            fields.add(new Named("f" + (i + 1), origin(values.get(i), scope)));
        }
        return fields;
    }

    private ColumnOrigin rowField(RowGetExpression field, Scope scope) {
        String name = Names.identifier(field.getColumnName());
        List<Slot> fields = row(field.getExpression(), scope);
        if (fields == null) {
            return transformed(scope, field.getExpression()); // a field of a composite column
        }
        Slots.Match match = Slots.lookup(fields, name);
        return match.isEmpty() ? new Unknown("the row has no field " + name) : Origins.oneOf(match.all());
    }

    // ---- subqueries, casts, CASE ----------------------------------------------------------------------------

    /** A scalar subquery (or one compared with IN / ANY): its first column, any of its rows' values. */
    private ColumnOrigin subquery(Select select, Scope scope) {
        List<ColumnOrigin> columns = Slots.flatten(queries.query(select, scope, scope.ctes));
        if (columns.isEmpty()) {
            return new Unknown("a subquery without columns");
        }
        ColumnOrigin first = columns.getFirst();
        return first instanceof Unknown unknown ? new Unknown(unknown.reason()) : choice(List.of(first));
    }

    private ColumnOrigin cast(CastExpression cast, Scope scope) {
        ColumnOrigin value = origin(cast.getLeftExpression(), scope);
        return keepsText(cast) ? value : Origins.transformed(List.of(value));
    }

    private static boolean keepsText(CastExpression cast) {
        if (cast.getColDataType() == null || cast.getColDataType().getDataType() == null) {
            return false;
        }
        List<String> arguments = cast.getColDataType().getArgumentsStringList();
        String type = cast.getColDataType().getDataType();
        if ((arguments != null && !arguments.isEmpty()) || type.contains("(")) {
            return false;
        }
        String name = Names.identifier(type.trim()).replaceAll("\\s+", " ");
        if (name.startsWith("pg_catalog.")) {
            name = name.substring("pg_catalog.".length());
        }
        return TEXT_KEEPING_TYPES.contains(name);
    }

    /**
     * CASE: the value is one of the branches' values; the conditions steer which, so they are predicates, and a
     * condition that reads a column makes the value tell something about that column (computed from all).
     */
    private ColumnOrigin caseExpression(CaseExpression expression, Scope scope) {
        List<ColumnOrigin> values = new ArrayList<>();
        List<ColumnOrigin> steering = new ArrayList<>();
        if (expression.getSwitchExpression() != null) {
            steering.add(origin(expression.getSwitchExpression(), scope));
        }
        if (expression.getWhenClauses() != null) {
            for (WhenClause when : expression.getWhenClauses()) {
                steering.add(origin(when.getWhenExpression(), scope));
                values.add(origin(when.getThenExpression(), scope));
            }
        }
        values.add(expression.getElseExpression() == null ? ColumnOrigin.CONSTANT
                : origin(expression.getElseExpression(), scope));
        steering.forEach(queries.predicates::add);
        return Origins.steered(choice(values), steering);
    }

    // ---- functions ---------------------------------------------------------------------------------------

    private ColumnOrigin function(Function function, Scope scope) {
        orderBy(function.getOrderByElements(), scope);
        List<Expression> arguments = arguments(function);
        Spec spec = BuiltinFunctions.of(Names.function(function.getMultipartName()));
        if (spec == null) {
            origins(arguments, scope); // subqueries among the arguments still have predicates
            return unknownFunction(function.getName());
        }
        return apply(spec, arguments, scope);
    }

    /** A function in FROM. */
    TableFunctionResult tableFunction(Function function, Scope scope) {
        String name = Names.function(function.getMultipartName());
        String label = name != null ? name : String.valueOf(function.getName()).toLowerCase(Locale.ROOT);
        List<Expression> arguments = arguments(function);
        Spec spec = BuiltinFunctions.of(name);
        if (spec == null) {
            origins(arguments, scope);
            return new TableFunctionResult(label, unknownFunction(function.getName()), null);
        }
        List<String> columns = spec.kind() == Kind.ELEMENT_OF && arguments.size() > 1
                ? java.util.Collections.nCopies(arguments.size(), "") // unnest(a, b): a column per array
                : spec.fromColumns();
        return new TableFunctionResult(label, apply(spec, arguments, scope), columns);
    }

    private ColumnOrigin analytic(AnalyticExpression analytic, Scope scope) {
        String name = analytic.getName() == null ? null
                : Names.function(Arrays.asList(analytic.getName().split("[ .]")));
        List<Expression> arguments = new ArrayList<>(3);
        if (!analytic.isAllColumns()) {
            arguments.add(analytic.getExpression());
            arguments.add(analytic.getOffset());
            arguments.add(analytic.getDefaultValue());
            while (!arguments.isEmpty() && arguments.getLast() == null) {
                arguments.removeLast();
            }
        }
        queries.predicate(analytic.getFilterExpression(), scope);
        orderBy(analytic.getFuncOrderBy(), scope);
        Spec spec = BuiltinFunctions.of(name);
        WindowDefinition window = analytic.getWindowDefinition();
        AnalyticType type = analytic.getType();
        if (type == AnalyticType.WITHIN_GROUP || type == AnalyticType.WITHIN_GROUP_OVER) {
            // the WITHIN GROUP ordering holds the values: mode() and percentile_disc() return one of them
            List<ColumnOrigin> ordered = new ArrayList<>();
            if (window != null && window.getOrderBy() != null && window.getOrderBy().getOrderByElements() != null) {
                window.getOrderBy().getOrderByElements().forEach(e -> ordered.add(origin(e.getExpression(), scope)));
            }
            if (window != null && window.getPartitionBy() != null) {
                QueryLineage.expressionList(window.getPartitionBy().getPartitionExpressionList())
                        .forEach(e -> queries.predicate(e, scope));
            }
            List<ColumnOrigin> others = origins(arguments, scope);
            if (spec == null) {
                return unknownFunction(analytic.getName());
            }
            if ("mode".equals(name) || "percentile_disc".equals(name)) {
                return Origins.steered(choice(ordered), others);
            }
            List<ColumnOrigin> all = new ArrayList<>(others);
            all.addAll(ordered);
            return spec.kind() == Kind.CONSTANT ? ColumnOrigin.CONSTANT : Origins.transformed(all);
        }
        queries.windowOf(window, scope);
        if (spec == null) {
            origins(arguments, scope);
            return unknownFunction(analytic.getName());
        }
        return apply(spec, arguments, scope);
    }

    private ColumnOrigin apply(Spec spec, List<Expression> arguments, Scope scope) {
        List<ColumnOrigin> values = new ArrayList<>();
        List<ColumnOrigin> steering = new ArrayList<>();
        List<ColumnOrigin> all = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            ColumnOrigin argument = spec.kind() == Kind.JSON_RECORD && i == 0
                    ? jsonRecord(arguments.get(i), scope) : origin(arguments.get(i), scope);
            all.add(argument);
            (spec.isValue(i) ? values : steering).add(argument);
        }
        return switch (spec.kind()) {
            case CONSTANT -> ColumnOrigin.CONSTANT;
            case IDENTITY -> all.size() == 1 ? all.getFirst() : Origins.transformed(all);
            case ONE_OF -> Origins.steered(choice(values), steering);
            case ELEMENTS -> Origins.steered(Origins.elements(values), steering);
            case ELEMENT_OF -> choice(values.stream().map(Origins::elementOf).toList());
            case TRANSFORMED -> Origins.transformed(all);
            case CONTAINED -> Origins.contained(all);
            case JSON_RECORD -> all.isEmpty() ? ColumnOrigin.CONSTANT
                    : Origins.steered(all.getFirst(), all.subList(1, all.size()));
        };
    }

    /**
     * A JSON document of the argument: of a row (a relation's whole row, {@code p.*}, {@code ROW(…)}), an object
     * whose members are named after its columns; of a JSON document of rows, the same members.
     */
    private ColumnOrigin jsonRecord(Expression argument, Scope scope) {
        List<Slot> fields = row(argument, scope);
        if (fields != null) {
            return Slots.members(fields)
                    .map(Origins::jsonRecords)
                    .orElseGet(() -> new Unknown("a JSON document of a row whose columns are unknown"));
        }
        ColumnOrigin value = origin(argument, scope);
        if (value instanceof Derived derived && derived.how() instanceof Derivation.JsonRecords) {
            return value;
        }
        return Origins.contained(List.of(value));
    }

    private ColumnOrigin jsonFunction(JsonFunction json, Scope scope) {
        List<ColumnOrigin> parts = new ArrayList<>();
        if (json.getKeyValuePairs() != null) {
            for (JsonKeyValuePair pair : json.getKeyValuePairs()) {
                parts.add(objectOrigin(pair.getKey(), scope));
                parts.add(objectOrigin(pair.getValue(), scope));
            }
        }
        if (json.getExpressions() != null) {
            for (JsonFunctionExpression e : json.getExpressions()) {
                parts.add(origin(e.getExpression(), scope));
            }
        }
        return Origins.contained(parts);
    }

    private ColumnOrigin jsonAggregate(JsonAggregateFunction json, Scope scope) {
        orderBy(json.getExpressionOrderByElements(), scope);
        queries.predicate(json.getFilterExpression(), scope);
        QueryLineage.expressionList(json.getPartitionExpressionList()).forEach(e -> queries.predicate(e, scope));
        orderBy(json.getOrderByElements(), scope);
        return Origins.contained(List.of(origin(json.getExpression(), scope), objectOrigin(json.getKey(), scope),
                objectOrigin(json.getValue(), scope)));
    }

    private ColumnOrigin objectOrigin(Object part, Scope scope) {
        if (part == null || part instanceof String) {
            return ColumnOrigin.CONSTANT;
        }
        return part instanceof Expression expression ? origin(expression, scope)
                : new Unknown("a JSON constructor part of kind " + part.getClass().getSimpleName());
    }

    private static List<Expression> arguments(Function function) {
        List<Expression> arguments = new ArrayList<>();
        if (function.getParameters() != null) {
            arguments.addAll(function.getParameters());
        }
        if (function.getNamedParameters() != null) {
            arguments.addAll(function.getNamedParameters());
        }
        return arguments;
    }

    private static Unknown unknownFunction(String name) {
        return new Unknown("the function " + String.valueOf(name).toLowerCase(Locale.ROOT)
                + " is not a known built-in: its result may come from anywhere");
    }

    /** Aggregate ORDER BY: the order of the values steers the result. */
    private void orderBy(List<OrderByElement> elements, Scope scope) {
        if (elements != null) {
            elements.forEach(element -> queries.predicate(element.getExpression(), scope));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /**
     * One of the values, never collapsed to {@link Direct}: a function or CASE that may also return NULL or
     * another value is derived, even from a single column.
     */
    private static ColumnOrigin choice(List<ColumnOrigin> values) {
        ColumnOrigin combined = Origins.oneOf(values);
        return combined instanceof Direct direct ? new Derived(direct.sources(), Derivation.ONE_OF) : combined;
    }

    private ColumnOrigin transformed(Scope scope, Expression... parts) {
        List<ColumnOrigin> origins = new ArrayList<>(parts.length);
        for (Expression part : parts) {
            origins.add(origin(part, scope));
        }
        return Origins.transformed(origins);
    }

    private List<ColumnOrigin> origins(List<? extends Expression> expressions, Scope scope) {
        List<ColumnOrigin> origins = new ArrayList<>(expressions.size());
        for (Expression expression : expressions) {
            origins.add(origin(expression, scope));
        }
        return origins;
    }
}
