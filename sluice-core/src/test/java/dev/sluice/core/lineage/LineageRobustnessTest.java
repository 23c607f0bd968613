package dev.sluice.core.lineage;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.TableColumns;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.sluice.core.lineage.LineageFixtures.CATALOG;
import static dev.sluice.core.lineage.LineageFixtures.NO_CATALOG;
import static dev.sluice.core.lineage.LineageFixtures.col;
import static dev.sluice.core.lineage.LineageFixtures.direct;
import static dev.sluice.core.lineage.LineageFixtures.lineage;
import static dev.sluice.core.lineage.LineageFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statements the lineage cannot describe, and failures inside it: always an answer, unknown where in doubt. */
class LineageRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "copy patients to stdout",
            "copy (select ssn from patients) to stdout",
            "do $$ begin raise notice '%', (select ssn from patients limit 1); end $$",
            "select ssn collate \"C\" from patients",
            "prepare q as select ssn from patients",
            "execute q",
            "fetch all from c",
            "declare c cursor for select ssn from patients",
            "merge into archive a using patients p on a.pid = p.id when matched then update set body = p.ssn",
    })
    void whatIsNotAQueryTheAnalysisReadsIsUnknownAsAWhole(String sql) {
        Lineage lineage = LineageAnalyzer.analyze(parse(sql), CATALOG);
        assertThat(lineage.known()).isFalse();
        assertThat(lineage.unknownPredicates()).isPresent();
        assertThat(lineage.originsFor(2)).hasSize(2).allMatch(ColumnOrigin.Unknown.class::isInstance);
    }

    @Test
    void anUnparsedStatementIsUnknown() {
        Lineage lineage = LineageAnalyzer.analyze(SqlStatement.opaque(SqlStatement.FUNCTION_CALL, "fastpath call"),
                CATALOG);
        assertThat(lineage.known()).isFalse();
        assertThat(lineage.originsFor(3)).hasSize(3).allMatch(ColumnOrigin.Unknown.class::isInstance);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "insert into patients (ssn) values ('1')",
            "update patients set ssn = null",
            "delete from patients",
            "create table t (a int)",
            "alter table patients add column x int",
            "set search_path = clinic",
            "show search_path",
            "begin",
    })
    void statementsWithoutRowsAreUnknownAsAWhole(String sql) {
        Lineage lineage = LineageAnalyzer.analyze(parse(sql), CATALOG);
        assertThat(lineage.known()).isFalse();
        assertThat(lineage.columns()).isEmpty();
        assertThat(lineage.unknownReason()).isPresent();
    }

    @Test
    void aCatalogThatFailsGivesAnUnknownLineage() {
        TableColumns broken = (schema, table) -> {
            throw new IllegalStateException("catalog down");
        };
        Lineage lineage = lineage("select ssn from patients", broken);
        assertThat(lineage.known()).isFalse();
        assertThat(lineage.unknownReason()).hasValue("the lineage analysis failed");
    }

    @Test
    void aPathologicallyDeepTreeGivesAnUnknownLineage() {
        Expression deep = new Column("ssn");
        for (int i = 0; i < 200_000; i++) {
            deep = new Concat(deep, new Column("ssn"));
        }
        PlainSelect select = new PlainSelect().withFromItem(new Table("patients"));
        select.addSelectItems(List.of(new SelectItem<>(deep)));
        Lineage lineage = LineageAnalyzer.analyze(select, CATALOG);
        assertThat(lineage.known()).isFalse();
    }

    @Test
    void deeplyNestedRecursiveCtesAreBounded() {
        // each recursive CTE runs its body a few times, and here each body holds the next one: work multiplies
        StringBuilder sql = new StringBuilder("select * from r0");
        for (int i = 0; i < 12; i++) {
            sql = new StringBuilder("with recursive r" + i + "(s) as (select ssn from patients union all "
                    + "select upper(s) from r" + i + ", (" + sql + ") q" + i + ") select s from r" + i);
        }
        SqlStatement statement = parse(sql.toString());
        assertThat(statement.parsed()).isTrue();
        Lineage lineage = LineageAnalyzer.analyze(statement, CATALOG);
        assertThat(lineage.unknownReason()).hasValue("the statement is too complex to analyse");
    }

    @Test
    void aFewNestedRecursiveCtesAreStillAnalysed() {
        Lineage lineage = lineage("with recursive a(s) as (select ssn from patients union all select upper(s) "
                + "from a, (with recursive b(t) as (select name from staff union all select t from b) "
                + "select t from b) q) select s from a");
        assertThat(lineage.columns()).containsExactly(LineageFixtures.transformed(col("patients", "ssn")));
    }

    @Test
    void aNullCatalogMeansNothingKnown() {
        assertThat(LineageAnalyzer.analyze(parse("select * from patients"), null).columnCountKnown()).isFalse();
    }

    @Test
    void originsForMatchesPositionsOrFailsClosed() {
        Lineage lineage = lineage("select ssn, name from patients");
        assertThat(lineage.columnCount()).hasValue(2);
        assertThat(lineage.originsFor(2)).containsExactly(direct("patients", "ssn"), direct("patients", "name"));
        assertThat(lineage.originsFor(3)).hasSize(3).allMatch(ColumnOrigin.Unknown.class::isInstance);
        assertThat(lineage.originsFor(0)).isEmpty();
        assertThatThrownBy(() -> lineage.originsFor(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSpanTooNarrowForItsNeighboursFailsClosed() {
        Lineage lineage = lineage("select id, *, name from patients", NO_CATALOG);
        assertThat(lineage.originsFor(1)).singleElement().isInstanceOf(ColumnOrigin.Unknown.class);
        assertThat(lineage.originsFor(2)).containsExactly(direct("patients", "id"), direct("patients", "name"));
    }

    @Test
    void outputSourcesListEverySourceOnce() {
        assertThat(lineage("select ssn, upper(ssn), name from patients").outputSources())
                .containsExactly(col("patients", "ssn"), col("patients", "name"));
    }

    @Test
    void valuesValidateThemselves() {
        assertThatThrownBy(() -> new ColumnOrigin.Derived(Set.of(), Derivation.ONE_OF))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lineage(Optional.of("x"), List.of(ColumnOrigin.CONSTANT), Set.of(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
