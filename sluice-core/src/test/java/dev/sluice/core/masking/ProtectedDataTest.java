package dev.sluice.core.masking;

import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.ProtectedData;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether statements touch protected data, asked the way policy rules ask it, on statements the analyser parsed. */
class ProtectedDataTest {

    private static final ParsingSqlAnalyzer ANALYZER = new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 100,
            Duration.ofSeconds(60));

    private final MaskingPolicy policy = MaskingPolicy.builder()
            .rule(ColumnRule.whole("*.patients.ssn", Redact.DEFAULT))
            .rule(ColumnRule.whole("clinic.visits.notes", Redact.DEFAULT))
            .build();

    private static SqlStatement statement(String sql) {
        return ANALYZER.analyze(sql).getFirst();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM patients                                    | true",
            "SELECT id FROM public.patients                            | true",
            "SELECT p.name FROM \"Clinic\".\"Patients\" p                 | true",
            "SELECT * FROM drugs                                       | false",
            "SELECT * FROM drugs d JOIN patients p ON p.id = d.pid     | true",
            "SELECT * FROM drugs WHERE id IN (SELECT drug FROM patients) | true",
            "WITH x AS (SELECT * FROM patients) SELECT * FROM x        | true",
            "SELECT 1 UNION SELECT ssn FROM patients                   | true",
            "INSERT INTO archive SELECT * FROM patients                | true",
            "UPDATE patients SET ssn = NULL WHERE id = 1               | true",
            "DELETE FROM patients                                      | true",
            "CREATE TABLE copy AS SELECT * FROM patients               | true",
            "SELECT * FROM visits                                      | true",
            "SELECT * FROM clinic.visits                               | true",
            "SELECT * FROM billing.visits                              | false",
            "SELECT 1                                                  | false",
            "SELECT now()                                              | false",
    })
    void statementsOnProtectedTablesTouchProtectedData(String sql, boolean touches) {
        assertThat(policy.protectedData().touches(statement(sql))).as(sql).isEqualTo(touches);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BEGIN                                        | false",
            "COMMIT                                       | false",
            "SET search_path TO clinic                    | false",
            "SHOW search_path                             | false",
            "LISTEN alerts                                | false",
            "DO $$ BEGIN PERFORM 1; END $$                | true",
            "EXECUTE fetch_patient(1)                     | true",
            "FETCH 10 FROM c                              | true",
            "CALL refresh_patients()                      | true",
            "COPY (SELECT * FROM patients) TO STDOUT      | true",
            "COPY (SELECT * FROM drugs) TO STDOUT         | false",
            "PREPARE q AS SELECT * FROM patients          | true",
            "DECLARE c CURSOR FOR SELECT ssn FROM patients | true",
    })
    void statementsTheParserCannotSeeIntoCountUnlessTheyMoveNoData(String sql, boolean touches) {
        assertThat(policy.protectedData().touches(statement(sql))).as(sql).isEqualTo(touches);
    }

    @Test
    void anOpaqueFunctionCallCounts() {
        assertThat(policy.protectedData().touches(SqlStatement.opaque(SqlStatement.FUNCTION_CALL, "function 1234")))
                .isTrue();
    }

    @Test
    void nothingIsTouchedWithoutRules() {
        assertThat(MaskingPolicy.NONE.protectedData().touches(statement("SELECT * FROM patients"))).isFalse();
        assertThat(MaskingPolicy.NONE.protectedData().touches(statement("DO $$ BEGIN END $$"))).isFalse();
    }

    @Test
    void aRuleForEveryTableNeedsTheCatalogToTellTablesApart() {
        MaskingPolicy everyTable = MaskingPolicy.builder().rule(ColumnRule.whole("*.*.dob", Year.BIRTH_DATE)).build();
        Map<String, Set<String>> columns = Map.of("patients", Set.of("id", "dob"), "drugs", Set.of("id", "name"));
        TableColumns catalog = (schema, table) -> Optional.ofNullable(columns.get(table));

        ProtectedData withoutCatalog = everyTable.protectedData();
        ProtectedData withCatalog = everyTable.protectedData(catalog);

        assertThat(withoutCatalog.touches(statement("SELECT * FROM drugs"))).as("unknown columns may hold dob").isTrue();
        assertThat(withCatalog.touches(statement("SELECT * FROM drugs"))).isFalse();
        assertThat(withCatalog.touches(statement("SELECT * FROM public.patients"))).isTrue();
        assertThat(withCatalog.touches(statement("SELECT * FROM unknown_table"))).as("not in the catalog").isTrue();
    }
}
