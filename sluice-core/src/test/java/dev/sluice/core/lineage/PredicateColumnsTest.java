package dev.sluice.core.lineage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static dev.sluice.core.lineage.LineageFixtures.NO_CATALOG;
import static dev.sluice.core.lineage.LineageFixtures.col;
import static dev.sluice.core.lineage.LineageFixtures.lineage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The columns that steer which rows come back (for the inference guard): {@code WHERE ssn LIKE '1%'} shows no SSN
 * but tells its first digit.
 */
class PredicateColumnsTest {

    /** {@code expected}: space-separated {@code table.column}s (the statements name no schema). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "select name from patients where ssn like '1%' | patients.ssn",
            "select name from patients order by ssn | patients.ssn",
            "select name from patients order by ssn desc nulls last | patients.ssn",
            "select count(*) from patients group by dob | patients.dob",
            "select p.name from patients p join visits v on p.mrn = v.mrn | patients.mrn visits.mrn",
            "select distinct ssn from patients | patients.ssn",
            "select distinct on (ssn) name from patients | patients.ssn",
            "select zip, count(*) from patients group by zip having max(ssn) > '5' | patients.zip patients.ssn",
            "select name from patients where id in (select patient_id from visits where reason = 'x')"
                    + " | patients.id visits.patient_id visits.reason",
            "select name from patients p where exists (select 1 from visits v where v.mrn = p.mrn"
                    + " and v.reason like 'a%')"
                    + " | visits.mrn patients.mrn visits.reason",
            "select name from patients where ssn = (select max(name) from staff) | patients.ssn staff.name",
            "select row_number() over (partition by zip order by dob) from patients | patients.zip patients.dob",
            "select name from patients window w as (partition by ssn) | patients.ssn",
            "select string_agg(name, ',' order by dob) from patients | patients.dob",
            "select count(*) filter (where ssn like '9%') from patients | patients.ssn",
            "select ssn as x from patients order by x | patients.ssn",
            "select upper(ssn) as name from patients group by name | patients.ssn patients.name",
            "select name, ssn from patients order by 2 | patients.name patients.ssn",
            "select name from patients union select ssn from patients | patients.name patients.ssn",
            "select ssn from patients intersect select name from staff | patients.ssn staff.name",
            "select mrn from patients join visits using (mrn) | patients.mrn visits.mrn",
            "select case when ssn like '1%' then 1 else 0 end from patients | patients.ssn",
            "select (select v.reason from visits v where v.patient_id = p.id order by v.visit_date limit 1)"
                    + " from patients p"
                    + " | visits.patient_id patients.id visits.visit_date",
            "with c as (select * from patients where ssn like '1%') select name from c | patients.ssn",
            "select * from (select name from patients where dob > '2000-01-01') q | patients.dob",
            "update patients set zip = '0' where ssn like '1%' | patients.ssn",
            "delete from patients where ssn = '1' | patients.ssn",
            "insert into archive (body) select name from patients where ssn like '1%' | patients.ssn",
            "explain analyze select * from patients where ssn like '1%' | patients.ssn",
            "create table copy as select name from patients where ssn like '1%' | patients.ssn",
    })
    void predicateColumns(String sql, String expected) {
        Lineage lineage = lineage(sql);
        assertThat(lineage.predicateColumns()).containsExactlyInAnyOrder(Arrays.stream(expected.trim().split("\\s+"))
                .map(name -> col(name.split("\\.")[0], name.split("\\.")[1])).toArray(SourceColumn[]::new));
        assertThat(lineage.unknownPredicates()).isEmpty();
    }

    @Test
    void unionAllComparesNothing() {
        Lineage lineage = lineage("select name from patients union all select ssn from patients");
        assertThat(lineage.predicateColumns()).isEmpty();
    }

    @Test
    void selectingAColumnIsNotUsingItAsAPredicate() {
        assertThat(lineage("select ssn, upper(name) from patients").predicateColumns()).isEmpty();
    }

    @Test
    void distinctOverAStarOfUnknownColumnsCannotBeListed() {
        Lineage lineage = lineage("select distinct * from patients", NO_CATALOG);
        assertThat(lineage.unknownPredicates()).hasValueSatisfying(reason -> assertThat(reason).contains("patients"));
    }

    @Test
    void predicatesWithoutACatalogAreNamedAsWritten() {
        Lineage lineage = lineage("select name from patients p join visits v on p.mrn = v.mrn where ssn like '1%'",
                NO_CATALOG);
        assertThat(lineage.predicateColumns()).containsExactlyInAnyOrder(col("patients", "mrn"),
                col("visits", "mrn"), col("patients", "ssn"), col("visits", "ssn"));
    }

    @Test
    void aPredicateThroughAnUnknownFunctionIsUnknown() {
        Lineage lineage = lineage("select name from patients where my_check(ssn)");
        assertThat(lineage.unknownPredicates()).isPresent();
    }

    @Test
    void statementsWithoutQueriesHaveNoPredicates() {
        Lineage lineage = lineage("drop table patients");
        assertThat(lineage.known()).isFalse();
        assertThat(lineage.predicateColumns()).isEmpty();
        assertThat(lineage.unknownPredicates()).isEmpty();
    }
}
