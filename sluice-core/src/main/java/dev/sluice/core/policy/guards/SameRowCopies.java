package dev.sluice.core.policy.guards;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.ColumnMasking;
import dev.sluice.core.masking.MaskingPolicy;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code UPDATE patients SET notes = ssn}: a protected value copied into another column of the same row, which no
 * rule names, then read unmasked. The statement reads no other table, so the other copy-out forms do not see it.
 * Read from the syntax tree; a column of another table in the SET ({@code UPDATE t SET x = p.ssn FROM patients p})
 * is the "writes rows read from another table" form's.
 */
final class SameRowCopies {

    /** What an UPDATE's SET copies out of the target's protected columns, in words for a message. */
    sealed interface Copy {
        /** A protected column (or a whole row) of the target, assigned to another column. */
        record OfColumn(String column) implements Copy {
        }

        /** A subquery, which may read anything, assigned to a column. */
        record OfSubquery() implements Copy {
        }
    }

    private SameRowCopies() {
    }

    /** The first copy a parsed UPDATE's SET makes, or empty (also for anything that is not a parsed UPDATE). */
    static Optional<Copy> of(SqlStatement statement, MaskingPolicy masking) {
        if (!(statement.syntaxTree().orElse(null) instanceof Update update) || update.getTable() == null
                || update.getUpdateSets() == null) {
            return Optional.empty();
        }
        Table target = update.getTable();
        String table = name(target.getName());
        String schema = target.getSchemaName() == null ? null : name(target.getSchemaName());
        Alias alias = target.getAlias();
        Set<String> references = new HashSet<>();
        references.add(table);
        if (alias != null && alias.getName() != null) {
            references.add(name(alias.getName()));
        }
        for (UpdateSet set : update.getUpdateSets()) {
            Set<String> destinations = new HashSet<>();
            if (set.getColumns() != null) {
                set.getColumns().forEach(column -> destinations.add(name(column.getColumnName())));
            }
            Spotter spotter = new Spotter(masking, schema, table, references, destinations);
            if (set.getValues() != null) {
                for (Expression value : set.getValues()) {
                    value.accept(spotter, null);
                    if (spotter.found != null) {
                        return Optional.of(spotter.found);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** An identifier as the analysis names tables and columns: unquoted, lower-case. */
    private static String name(String identifier) {
        String text = identifier.strip();
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("`") && text.endsWith("`"))) {
            text = text.substring(1, text.length() - 1);
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static final class Spotter extends ExpressionVisitorAdapter<Void> {

        private final MaskingPolicy masking;
        private final String schema;
        private final String table;
        private final Set<String> references;
        private final Set<String> destinations;
        Copy found;

        Spotter(MaskingPolicy masking, String schema, String table, Set<String> references, Set<String> destinations) {
            this.masking = masking;
            this.schema = schema;
            this.table = table;
            this.references = references;
            this.destinations = destinations;
        }

        @Override
        public <S> Void visit(Column column, S context) {
            if (found != null) {
                return null;
            }
            Table qualifier = column.getTable();
            boolean ofTarget = qualifier == null || qualifier.getName() == null
                    || references.contains(name(qualifier.getName()));
            if (!ofTarget) {
                return null; // another table's column: the "rows read from another table" form
            }
            String name = name(column.getColumnName());
            if (qualifier == null || qualifier.getName() == null) {
                if (references.contains(name)) {
                    found = new Copy.OfColumn(table + " (the whole row)"); // SET notes = patients::text
                    return null;
                }
            }
            if (destinations.size() == 1 && destinations.contains(name)) {
                return null; // SET ssn = trim(ssn): the value stays where its rule names it
            }
            if (!(masking.lookup(schema, table, name) instanceof ColumnMasking.Unprotected)) {
                found = new Copy.OfColumn(table + "." + name);
            }
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            found = found != null ? found : new Copy.OfSubquery();
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            found = found != null ? found : new Copy.OfSubquery();
            return null;
        }
    }
}
