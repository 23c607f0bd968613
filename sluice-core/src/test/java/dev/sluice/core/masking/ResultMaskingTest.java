package dev.sluice.core.masking;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.masking.ResultMasking.ColumnDecision;
import dev.sluice.core.masking.ResultMasking.Origin;
import dev.sluice.core.masking.ResultMasking.OutputColumn;
import dev.sluice.core.masking.ResultMasking.Source;
import dev.sluice.core.masking.ResultMasking.SqlLineage;
import dev.sluice.core.masking.ResultMasking.WireSource;
import dev.sluice.core.phi.TextScrubber;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ResultMaskingTest {

    private static final ParsingSqlAnalyzer ANALYZER = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 100);
    private static final MaskingPolicy STRICT = PhiStrictPreset.policy(MaskingKey.of(new byte[32]));
    private static final TableColumns CATALOG = (schema, table) -> switch (table) {
        case "patients" -> Optional.of(Set.of("id", "ssn", "first_name", "dob", "email", "notes"));
        case "items" -> Optional.of(Set.of("id", "label"));
        default -> Optional.empty();
    };

    private static MaskPlan plan(MaskingPolicy policy, String sql) {
        return MaskPlan.of(policy, TextScrubber.NONE, new SqlCommand(sql, ANALYZER.analyze(sql), List.of()));
    }

    private static List<ColumnDecision> decide(MaskingPolicy policy, String sql, SqlLineage lineage,
                                               OutputColumn... columns) {
        MaskPlan plan = plan(policy, sql);
        return ResultMasking.decide(plan, plan.statement(0), List.of(columns), lineage, CATALOG);
    }

    private static OutputColumn wire(String column, ValueKind kind) {
        return new OutputColumn(column, new WireSource.TableColumn(new Source("public", "patients", column)), kind);
    }

    private static OutputColumn expression(String label, ValueKind kind) {
        return new OutputColumn(label, WireSource.NONE, kind);
    }

    private static SqlLineage lineage(Origin... origins) {
        return (statement, catalog, count) -> Optional.of(List.of(origins));
    }

    private static Source patients(String column) {
        return new Source(null, "patients", column);
    }

    @Test
    void wireResolvedColumnsGetTheirRules() {
        List<ColumnDecision> decisions = decide(STRICT, "select ssn as x, dob, id, first_name from patients",
                SqlLineage.NONE, wire("ssn", ValueKind.TEXT), wire("dob", ValueKind.DATE),
                wire("id", ValueKind.INTEGER), wire("first_name", ValueKind.TEXT));

        assertThat(decisions.get(0)).isInstanceOfSatisfying(ColumnDecision.Mask.class, m -> {
            assertThat(m.strategy()).isInstanceOf(Partial.class);
            assertThat(m.keepsType()).isTrue();
            assertThat(m.strategy().mask("123-45-6789", ValueKind.TEXT)).doesNotContain("123-45");
        });
        assertThat(decisions.get(1)).isInstanceOfSatisfying(ColumnDecision.Mask.class, m -> {
            assertThat(m.strategy()).isInstanceOf(Year.class);
            assertThat(m.keepsType()).isFalse(); // a year is no date: the column becomes text
        });
        assertThat(decisions.get(2)).isEqualTo(ColumnDecision.PASS);
        assertThat(decisions.get(3)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Pseudonym.class));
    }

    @Test
    void expressionWithoutLineageOnAProtectedTableIsRedacted() {
        List<ColumnDecision> decisions = decide(STRICT, "select upper(ssn), length(ssn) from patients",
                SqlLineage.NONE, expression("upper", ValueKind.TEXT), expression("length", ValueKind.INTEGER));

        assertThat(decisions).allSatisfy(d -> assertThat(d).isInstanceOfSatisfying(ColumnDecision.Mask.class, m -> {
            assertThat(m.strategy()).isInstanceOf(Redact.class);
            assertThat(m.rules()).containsExactly(MaskingPolicy.UNKNOWN_LINEAGE_RULE);
        }));
        assertThat(((ColumnDecision.Mask) decisions.get(1)).keepsType()).isFalse();
    }

    @Test
    void aFunctionTheLineageDoesNotKnowMayReadProtectedTablesSoItsResultIsRedacted() {
        // patient_text(1) could return p::text of a patients row: no table is named, but nothing vouches for it.
        List<ColumnDecision> decisions = decide(STRICT, "select patient_text(1)", SqlLineage.NONE,
                expression("patient_text", ValueKind.TEXT));

        assertThat(decisions.getFirst()).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Redact.class));
    }

    @Test
    void unknownLineageUnderDenyRefusesTheResult() {
        MaskingPolicy deny = STRICT.toBuilder().onUnknownLineage(MaskingPolicy.OnUnknownLineage.DENY).build();
        List<ColumnDecision> decisions = decide(deny, "select ssn || '' from patients", SqlLineage.NONE,
                expression("?column?", ValueKind.TEXT));

        assertThat(decisions.getFirst()).isInstanceOfSatisfying(ColumnDecision.Refuse.class,
                r -> assertThat(r.reason()).contains("?column?").contains("on_unknown_lineage"));
    }

    @Test
    void expressionsOnTablesWithoutProtectedColumnsPass() {
        assertThat(decide(STRICT, "select upper(label) from items", AnalyzedLineage.INSTANCE,
                expression("upper", ValueKind.TEXT))).containsExactly(ColumnDecision.PASS);
        assertThat(decide(STRICT, "select 1, now()", AnalyzedLineage.INSTANCE, expression("a", ValueKind.INTEGER),
                expression("now", ValueKind.TIMESTAMP))).containsOnly(ColumnDecision.PASS);
        // Without lineage a function call is not vouched for: it may read anything.
        assertThat(decide(STRICT, "select upper(label) from items", SqlLineage.NONE,
                expression("upper", ValueKind.TEXT)).getFirst()).isInstanceOf(ColumnDecision.Mask.class);
    }

    @Test
    void sqlLineageDecidesWhatTheWireCannotName() {
        List<ColumnDecision> decisions = decide(STRICT,
                "select upper(ssn), lower(email), first_name, 'x', coalesce(ssn, '') from patients",
                lineage(new Origin.Derived(List.of(patients("ssn"))), new Origin.Derived(List.of(patients("email"))),
                        new Origin.Direct(patients("first_name")), new Origin.Constant(),
                        new Origin.Derived(List.of(patients("ssn")), true)),
                expression("upper", ValueKind.TEXT), expression("lower", ValueKind.TEXT),
                expression("first_name", ValueKind.TEXT), expression("?column?", ValueKind.TEXT),
                expression("coalesce", ValueKind.TEXT));

        // a partial mask cannot apply to a transformed SSN: full redaction
        assertThat(decisions.get(0)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isEqualTo(Redact.DEFAULT));
        // a keyed token applies to any text
        assertThat(decisions.get(1)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(HmacToken.class));
        assertThat(decisions.get(2)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Pseudonym.class));
        assertThat(decisions.get(3)).isEqualTo(ColumnDecision.PASS);
        // values that are the source's own (coalesce, union): the source's strategy
        assertThat(decisions.get(4)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Partial.class));
    }

    @Test
    void derivedFromSourcesWithDifferentStrategiesIsRedacted() {
        List<ColumnDecision> decisions = decide(STRICT, "select row_to_json(p) from patients p",
                lineage(new Origin.Derived(List.of(patients("ssn"), patients("email"), patients("id")))),
                expression("row_to_json", ValueKind.JSON));

        assertThat(decisions.getFirst()).isInstanceOfSatisfying(ColumnDecision.Mask.class, m -> {
            assertThat(m.strategy()).isEqualTo(Redact.DEFAULT);
            assertThat(m.keepsType()).isTrue();
            assertThat(m.rules()).hasSize(2);
        });
    }

    @Test
    void lineageThatDoesNotMatchTheResultIsNoLineage() {
        List<ColumnDecision> decisions = decide(STRICT, "select upper(first_name) from patients",
                lineage(new Origin.Constant(), new Origin.Constant()), expression("upper", ValueKind.TEXT));

        assertThat(decisions.getFirst()).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Redact.class));
    }

    @Test
    void lineageThatThrowsIsNoLineage() {
        SqlLineage broken = (statement, catalog, count) -> {
            throw new IllegalStateException("bug");
        };
        assertThat(decide(STRICT, "select upper(first_name) from patients", broken,
                expression("upper", ValueKind.TEXT)).getFirst()).isInstanceOf(ColumnDecision.Mask.class);
    }

    @Test
    void viewColumnsAreProtectedByNameOrElseOfUnknownSource() {
        OutputColumn named = new OutputColumn("ssn",
                new WireSource.Indirect(new Source("public", "patient_view", "ssn")), ValueKind.TEXT);
        OutputColumn renamed = new OutputColumn("x",
                new WireSource.Indirect(new Source("public", "patient_view", "x")), ValueKind.TEXT);
        List<ColumnDecision> decisions = decide(STRICT, "select * from patient_view", SqlLineage.NONE, named,
                renamed);

        assertThat(decisions.get(0)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Partial.class));
        assertThat(decisions.get(1)).isInstanceOfSatisfying(ColumnDecision.Mask.class,
                m -> assertThat(m.strategy()).isInstanceOf(Redact.class));
    }

    @Test
    void unknownStatementCountsAsTouchingProtectedData() {
        MaskPlan plan = plan(STRICT, "fetch all from c");
        List<ColumnDecision> decisions = ResultMasking.decide(plan, null,
                List.of(expression("x", ValueKind.TEXT)), SqlLineage.NONE, CATALOG);
        assertThat(decisions.getFirst()).isInstanceOf(ColumnDecision.Mask.class);
    }

    @Test
    void jsonPathRulesMaskInsideDocuments() {
        MaskingPolicy policy = MaskingPolicy.builder()
                .rule(new ColumnRule("member", ColumnPattern.parse("*.patients.coverage"),
                        Optional.of(JsonPath.parse("$.member_id")), Redact.DEFAULT))
                .build();
        List<ColumnDecision> decisions = decide(policy, "select coverage from patients", SqlLineage.NONE,
                wire("coverage", ValueKind.JSON));
        assertThat(decisions.getFirst()).isInstanceOf(ColumnDecision.MaskJson.class);
    }

    @Test
    void planThatMasksNothingPassesEverything() {
        assertThat(ResultMasking.decide(MaskPlan.NONE, null, List.of(wire("ssn", ValueKind.TEXT)), SqlLineage.NONE,
                CATALOG)).containsExactly(ColumnDecision.PASS);
    }

    @Test
    void statementIsTheOneAResultAnswers() {
        MaskPlan plan = plan(STRICT, "select 1; select ssn from patients");
        SqlStatement second = plan.statement(1);
        assertThat(second.tablesRead()).contains("patients");
        assertThat(plan.statement(2)).isNull();
    }
}
