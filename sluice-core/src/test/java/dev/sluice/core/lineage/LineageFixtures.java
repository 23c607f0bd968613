package dev.sluice.core.lineage;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.TableColumns;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements parsed by the gateway's own analyser, a clinic catalog, and shorthand for expected origins. */
final class LineageFixtures {

    /** A budget no parse here comes near: the results are the parser's, not the watchdog's. */
    private static final ParsingSqlAnalyzer ANALYZER = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1_000,
            Duration.ofSeconds(60));

    /** Column order as the database would give it (attribute number order). */
    private static final Map<String, List<String>> TABLES = Map.of(
            "patients", List.of("id", "mrn", "ssn", "name", "dob", "zip", "notes"),
            "visits", List.of("id", "mrn", "patient_id", "reason", "visit_date"),
            "staff", List.of("id", "name", "email"),
            "archive", List.of("id", "body", "pid"));

    /** Knows the clinic's tables, in any schema. */
    static final TableColumns CATALOG = (schema, table) -> Optional.ofNullable(TABLES.get(table))
            .map(columns -> (Set<String>) new LinkedHashSet<>(columns));

    static final TableColumns NO_CATALOG = TableColumns.UNKNOWN;

    private LineageFixtures() {
    }

    static SqlStatement parse(String sql) {
        List<SqlStatement> statements = ANALYZER.analyze(sql);
        assertThat(statements).as(sql).hasSize(1);
        return statements.getFirst();
    }

    /** The lineage of a statement the parser must understand. */
    static Lineage lineage(String sql, TableColumns catalog) {
        SqlStatement statement = parse(sql);
        assertThat(statement.parsed()).as("parsed: " + sql).isTrue();
        return LineageAnalyzer.analyze(statement, catalog);
    }

    static Lineage lineage(String sql) {
        return lineage(sql, CATALOG);
    }

    static SourceColumn col(String table, String column) {
        return new SourceColumn(null, table, column);
    }

    static ColumnOrigin direct(String table, String column) {
        return new ColumnOrigin.Direct(col(table, column));
    }

    static ColumnOrigin derived(Derivation how, SourceColumn... sources) {
        return new ColumnOrigin.Derived(new LinkedHashSet<>(Arrays.asList(sources)), how);
    }

    static ColumnOrigin oneOf(SourceColumn... sources) {
        return derived(Derivation.ONE_OF, sources);
    }

    static ColumnOrigin transformed(SourceColumn... sources) {
        return derived(Derivation.TRANSFORMED, sources);
    }

    /** Every column of a catalog table, directly. */
    static List<ColumnOrigin> allOf(String table) {
        return TABLES.get(table).stream().map(column -> direct(table, column)).toList();
    }

    static SourceColumn[] allColumnsOf(String table) {
        return TABLES.get(table).stream().map(column -> col(table, column)).toArray(SourceColumn[]::new);
    }
}
