package dev.sluice.core.lineage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.sluice.core.lineage.LineageFixtures.CATALOG;
import static dev.sluice.core.lineage.LineageFixtures.NO_CATALOG;
import static dev.sluice.core.lineage.LineageFixtures.allColumnsOf;
import static dev.sluice.core.lineage.LineageFixtures.allOf;
import static dev.sluice.core.lineage.LineageFixtures.col;
import static dev.sluice.core.lineage.LineageFixtures.derived;
import static dev.sluice.core.lineage.LineageFixtures.direct;
import static dev.sluice.core.lineage.LineageFixtures.lineage;
import static dev.sluice.core.lineage.LineageFixtures.oneOf;
import static dev.sluice.core.lineage.LineageFixtures.transformed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where output columns come from, tried the way someone who wants an SSN out through the gateway would: every
 * trick must still name {@code patients.ssn} as a source.
 */
class OutputLineageTest {

    private static final ColumnOrigin SSN = direct("patients", "ssn");

    private static List<ColumnOrigin> columns(String sql) {
        return columns(sql, CATALOG);
    }

    private static List<ColumnOrigin> columns(String sql, dev.sluice.core.masking.TableColumns catalog) {
        Lineage lineage = lineage(sql, catalog);
        assertThat(lineage.known()).as(sql + ": " + lineage.unknownReason()).isTrue();
        return lineage.columns();
    }

    @Nested
    class Renaming {

        @ParameterizedTest
        @ValueSource(strings = {
                "select ssn from patients",
                "select ssn as x from patients",
                "select ssn x from patients",
                "select p.ssn from patients p",
                "select patients.ssn from patients",
                "select public.patients.ssn from public.patients",
                "select \"SSN\" from patients",
                "select \"Ssn\" from \"Patients\"",
                "select P.SSN from PATIENTS p",
                "select (ssn) from patients",
                "select ssn::text from patients",
                "select ssn::varchar from patients",
                "select ssn::character varying from patients",
                "select cast(ssn as text) from patients",
                "select ssn::\"text\" from patients",
                "select ssn::text::varchar from patients",
                "select text(ssn) from patients",
        })
        void aliasesQuotingAndTextCastsStayDirect(String sql) {
            List<ColumnOrigin> origins = columns(sql);
            assertThat(origins).hasSize(1);
            ColumnOrigin origin = origins.getFirst();
            assertThat(origin).isInstanceOf(ColumnOrigin.Direct.class);
            assertThat(origin.sources()).singleElement().satisfies(source -> {
                assertThat(source.table()).isEqualTo("patients");
                assertThat(source.column()).isEqualTo("ssn");
            });
        }

        @Test
        void aSchemaIsKeptOnlyWhenWritten() {
            assertThat(columns("select ssn from clinic.patients")).containsExactly(
                    new ColumnOrigin.Direct(new SourceColumn("clinic", "patients", "ssn")));
            assertThat(columns("select \"Clinic\".\"Patients\".ssn from \"Clinic\".\"Patients\"")).containsExactly(
                    new ColumnOrigin.Direct(new SourceColumn("clinic", "patients", "ssn")));
        }

        @Test
        void workingWithoutACatalog() {
            assertThat(columns("select ssn as x, p.name from patients p", NO_CATALOG))
                    .containsExactly(SSN, direct("patients", "name"));
        }

        @Test
        void columnsKeepTheirPositions() {
            assertThat(columns("select name, ssn, 1, dob from patients")).containsExactly(
                    direct("patients", "name"), SSN, ColumnOrigin.CONSTANT, direct("patients", "dob"));
        }
    }

    @Nested
    class Expressions {

        @ParameterizedTest
        @ValueSource(strings = {
                "select upper(ssn) from patients",
                "select lower(p.ssn) from patients p",
                "select ssn || 'x' from patients",
                "select 'SSN: ' || ssn from patients",
                "select substr(ssn, 1, 3) from patients",
                "select left(ssn, 3) from patients",
                "select replace(ssn, '-', '') from patients",
                "select reverse(ssn) from patients",
                "select concat(ssn, '') from patients",
                "select format('%s', ssn) from patients",
                "select md5(ssn) from patients",
                "select length(ssn) from patients",
                "select ssn::int from patients",
                "select ssn::bigint + 0 from patients",
                "select ssn::char(3) from patients",
                "select ssn::varchar(3) from patients",
                "select ssn like '123%' from patients",
                "select ssn = '123-45-6789' from patients",
                "select ssn is null from patients",
                "select ssn between 'a' and 'b' from patients",
                "select ssn in ('a', 'b') from patients",
                "select ssn ~ '^1' from patients",
                "select -ssn::int from patients",
                "select trim(ssn) from patients",
                "select extract(year from ssn::date) from patients",
                "select pg_catalog.upper(ssn) from patients",
                "select translate(ssn, '0123456789', 'abcdefghij') from patients",
                "select regexp_replace(ssn, '(\\d)', '\\1 ') from patients",
                "select to_char(ssn::int, '999') from patients",
                "select case when ssn like '1%' then 'yes' else 'no' end from patients",
                "select case ssn when '123' then 1 else 0 end from patients",
                "select nullif('x', ssn) from patients",
                "select sum(ssn::int) from patients",
                "select ssn::int % 10 from patients",
        })
        void transformationsAreDerivedText(String sql) {
            ColumnOrigin origin = columns(sql).getFirst();
            assertThat(origin).isInstanceOf(ColumnOrigin.Derived.class);
            ColumnOrigin.Derived derived = (ColumnOrigin.Derived) origin;
            assertThat(derived.sources()).contains(col("patients", "ssn"));
            assertThat(derived.how()).isEqualTo(Derivation.TRANSFORMED);
            assertThat(derived.how().strategyApplies()).isFalse();
        }

        @Test
        void upperIsComputedFromSsn() {
            assertThat(columns("select upper(ssn) from patients")).containsExactly(transformed(col("patients", "ssn")));
        }

        @Test
        void castsThatKeepTheTextAreDirectOthersAreNot() {
            assertThat(columns("select ssn::text, ssn::int from patients"))
                    .containsExactly(SSN, transformed(col("patients", "ssn")));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "select coalesce(ssn, 'x') from patients",
                "select coalesce(null, ssn) from patients",
                "select case when true then ssn end from patients",
                "select case when 1 = 1 then ssn else 'n/a' end from patients",
                "select nullif(ssn, '') from patients",
                "select greatest(ssn, '0') from patients",
                "select max(ssn) from patients",
                "select min(ssn) from patients",
                "select mode() within group (order by ssn) from patients",
                "select percentile_disc(0.5) within group (order by ssn) from patients",
                "select first_value(ssn) over (order by id) from patients",
                "select lag(ssn) over (order by id) from patients",
                "select lead(ssn, 1, 'none') over (order by id) from patients",
                "select (select ssn from patients limit 1)",
                "select (select max(ssn) from patients)",
        })
        void choicesAmongValuesKeepTheStrategy(String sql) {
            ColumnOrigin origin = columns(sql).getFirst();
            assertThat(origin).isEqualTo(oneOf(col("patients", "ssn")));
            assertThat(((ColumnOrigin.Derived) origin).how().strategyApplies()).isTrue();
        }

        @Test
        void aCaseConditionOnAColumnMakesTheValueTellAboutIt() {
            assertThat(columns("select case when ssn like '9%' then name end from patients"))
                    .containsExactly(transformed(col("patients", "name"), col("patients", "ssn")));
        }

        @Test
        void constantsHaveNoSource() {
            assertThat(columns("select 1")).containsExactly(ColumnOrigin.CONSTANT);
            assertThat(columns("select 'x', null, true, now(), current_date, current_user, $1, random()"))
                    .allMatch(ColumnOrigin.Constant.class::isInstance).hasSize(8);
            assertThat(columns("select count(*) from patients")).containsExactly(ColumnOrigin.CONSTANT);
            assertThat(columns("select count(distinct ssn), row_number() over (order by ssn) from patients"))
                    .containsExactly(ColumnOrigin.CONSTANT, ColumnOrigin.CONSTANT);
            assertThat(columns("select 1 from patients where ssn = '1'")).containsExactly(ColumnOrigin.CONSTANT);
        }

        @Test
        void aQuotedKeywordIsAColumn() {
            assertThat(columns("select \"current_user\" from staff", NO_CATALOG))
                    .containsExactly(direct("staff", "current_user"));
        }

        @Test
        void jsonOperatorsOnADocumentAreDerived() {
            assertThat(columns("select notes->>'ssn', notes->'a'->'b', notes #>> '{a,b}' from patients"))
                    .containsOnly(transformed(col("patients", "notes")));
        }

        @Test
        void subscriptsAreDerived() {
            assertThat(columns("select (array[ssn, name])[1] from patients"))
                    .containsExactly(transformed(col("patients", "ssn"), col("patients", "name")));
        }
    }

    @Nested
    class AggregatesAndBuilders {

        @Test
        void stringAggEmbedsTheValues() {
            assertThat(columns("select string_agg(ssn, ',') from patients"))
                    .containsExactly(derived(Derivation.CONTAINED, col("patients", "ssn")));
            assertThat(columns("select string_agg(ssn, ',' order by dob) filter (where zip = '1') from patients"))
                    .containsExactly(derived(Derivation.CONTAINED, col("patients", "ssn")));
        }

        @Test
        void arrayAggAndArrayConstructorsHoldTheValuesAsElements() {
            assertThat(columns("select array_agg(ssn) from patients"))
                    .containsExactly(derived(Derivation.ELEMENTS, col("patients", "ssn")));
            assertThat(columns("select array[ssn, name] from patients"))
                    .containsExactly(derived(Derivation.ELEMENTS, col("patients", "ssn"), col("patients", "name")));
            assertThat(columns("select array(select ssn from patients)"))
                    .containsExactly(derived(Derivation.ELEMENTS, col("patients", "ssn")));
            assertThat(columns("select array_to_string(array_agg(ssn), ',') from patients"))
                    .containsExactly(derived(Derivation.CONTAINED, col("patients", "ssn")));
            assertThat(columns("select array_agg(upper(ssn)) from patients"))
                    .containsExactly(transformed(col("patients", "ssn")));
        }

        @Test
        void unnestGivesBackElements() {
            assertThat(columns("select unnest(array_agg(ssn)) from patients"))
                    .containsExactly(oneOf(col("patients", "ssn")));
            assertThat(columns("select u from patients p, unnest(array[p.ssn, p.name]) u"))
                    .containsExactly(oneOf(col("patients", "ssn"), col("patients", "name")));
        }

        @Test
        void rowToJsonIsADocumentWithTheColumnsUnderTheirNames() {
            ColumnOrigin origin = columns("select row_to_json(p) from patients p").getFirst();
            assertThat(origin).isInstanceOf(ColumnOrigin.Derived.class);
            ColumnOrigin.Derived derived = (ColumnOrigin.Derived) origin;
            assertThat(derived.sources()).containsExactlyInAnyOrder(allColumnsOf("patients"));
            assertThat(derived.how()).isInstanceOfSatisfying(Derivation.JsonRecords.class, records -> {
                assertThat(records.members()).containsEntry("ssn", SSN)
                        .containsEntry("name", direct("patients", "name")).hasSize(7);
                assertThat(records.strategyApplies()).isTrue();
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "select json_agg(p.*) from patients p",
                "select json_agg(p) from patients p",
                "select jsonb_agg(patients) from patients",
                "select to_jsonb(p) from patients p",
                "select to_json(p.*) from patients as p",
                "select json_agg(row_to_json(p)) from patients p",
                "select array_to_json(array_agg(row_to_json(p))) from patients p",
                "select row_to_json(p)::text from patients p",
        })
        void jsonOfWholeRowsNamesEveryMember(String sql) {
            ColumnOrigin origin = columns(sql).getFirst();
            assertThat(origin.sources()).containsExactlyInAnyOrder(allColumnsOf("patients"));
            assertThat(((ColumnOrigin.Derived) origin).how()).isInstanceOfSatisfying(Derivation.JsonRecords.class,
                    records -> assertThat(records.members()).containsEntry("ssn", SSN));
        }

        @Test
        void jsonOfADerivedTableUsesItsColumnNames() {
            ColumnOrigin origin = columns("select jsonb_agg(q) from (select ssn as s, upper(name) n from patients) q")
                    .getFirst();
            assertThat(((ColumnOrigin.Derived) origin).how()).isEqualTo(new Derivation.JsonRecords(Map.of(
                    "s", SSN, "n", transformed(col("patients", "name")))));
        }

        @Test
        void jsonOfAnAnonymousRecordNamesItsFields() {
            ColumnOrigin origin = columns("select row_to_json(row(ssn, name)) from patients").getFirst();
            assertThat(((ColumnOrigin.Derived) origin).how()).isEqualTo(new Derivation.JsonRecords(Map.of(
                    "f1", SSN, "f2", direct("patients", "name"))));
        }

        @Test
        void jsonBuildersWithLiteralKeysEmbedTheValues() {
            assertThat(columns("select json_build_object('ssn', ssn), jsonb_build_array(ssn, 1), to_json(ssn), "
                    + "json_agg(ssn) from patients"))
                    .containsOnly(derived(Derivation.CONTAINED, col("patients", "ssn")));
        }

        @Test
        void aWholeRowIsItsText() {
            assertThat(columns("select p from patients p"))
                    .containsExactly(derived(Derivation.CONTAINED, allColumnsOf("patients")));
            assertThat(columns("select p.*::text from patients p"))
                    .containsExactly(derived(Derivation.CONTAINED, allColumnsOf("patients")));
            assertThat(columns("select (p).ssn from patients p")).containsExactly(SSN);
        }

        @Test
        void wholeRowsOfUnknownTablesAreUnknown() {
            assertThat(columns("select row_to_json(p) from patients p", NO_CATALOG).getFirst())
                    .isInstanceOf(ColumnOrigin.Unknown.class);
            assertThat(columns("select json_agg(p.*) from patients p", NO_CATALOG).getFirst())
                    .isInstanceOf(ColumnOrigin.Unknown.class);
            assertThat(columns("select p from patients p", NO_CATALOG).getFirst())
                    .isInstanceOf(ColumnOrigin.Unknown.class);
        }

        @Test
        void windowFunctionsCarryTheirArguments() {
            assertThat(columns("select lag(ssn) over (partition by zip order by dob), sum(id) over () from patients"))
                    .containsExactly(oneOf(col("patients", "ssn")), transformed(col("patients", "id")));
        }
    }

    @Nested
    class Stars {

        @Test
        void starExpandsWithTheCatalogInOrder() {
            assertThat(columns("select * from patients")).containsExactlyElementsOf(allOf("patients"));
            assertThat(columns("table patients")).containsExactlyElementsOf(allOf("patients"));
            List<ColumnOrigin> both = new ArrayList<>(allOf("patients"));
            both.addAll(allOf("visits"));
            assertThat(columns("select * from patients p, visits v")).containsExactlyElementsOf(both);
            List<ColumnOrigin> swapped = new ArrayList<>(allOf("visits"));
            swapped.addAll(allOf("patients"));
            assertThat(columns("select v.*, p.* from patients p join visits v on p.mrn = v.mrn"))
                    .containsExactlyElementsOf(swapped);
        }

        @Test
        void starOverAnUnknownTableIsOneSpanningMarker() {
            Lineage lineage = lineage("select * from patients", NO_CATALOG);
            assertThat(lineage.known()).isTrue();
            assertThat(lineage.columnCountKnown()).isFalse();
            assertThat(lineage.columns()).singleElement().isInstanceOfSatisfying(ColumnOrigin.Unknown.class,
                    unknown -> {
                        assertThat(unknown.spansColumns()).isTrue();
                        assertThat(unknown.reason()).contains("patients");
                    });
            assertThat(lineage.originsFor(7)).hasSize(7).allMatch(ColumnOrigin.Unknown.class::isInstance);
        }

        @Test
        void columnsAroundAnUnknownStarKeepTheirPositions() {
            Lineage lineage = lineage("select id, *, upper(ssn) from patients", NO_CATALOG);
            List<ColumnOrigin> origins = lineage.originsFor(5);
            assertThat(origins.getFirst()).isEqualTo(direct("patients", "id"));
            assertThat(origins.subList(1, 4)).allMatch(o -> o instanceof ColumnOrigin.Unknown u && !u.spansColumns());
            assertThat(origins.getLast()).isEqualTo(transformed(col("patients", "ssn")));
        }

        @Test
        void aStarPassesThroughDerivedTablesAndCtes() {
            assertThat(columns("select q.ssn from (select * from patients) q", NO_CATALOG)).containsExactly(SSN);
            assertThat(columns("with c as (select * from patients) select ssn from c", NO_CATALOG))
                    .containsExactly(SSN);
            assertThat(columns("select * from (select * from patients) q")).containsExactlyElementsOf(
                    allOf("patients"));
        }

        @Test
        void aCatalogWithoutColumnOrderGivesEachPositionEveryColumn() {
            dev.sluice.core.masking.TableColumns unordered = (schema, table) ->
                    table.equals("t") ? java.util.Optional.of(java.util.Set.of("a", "b")) : java.util.Optional.empty();
            ColumnOrigin either = oneOf(col("t", "a"), col("t", "b"));
            assertThat(columns("select * from t", unordered)).containsExactly(either, either);
            assertThat(columns("select b from t", unordered)).containsExactly(direct("t", "b"));
        }
    }

    @Nested
    class QueriesInQueries {

        @Test
        void ctes() {
            assertThat(columns("with c as (select ssn from patients) select * from c")).containsExactly(SSN);
            assertThat(columns("with c(x) as (select ssn from patients) select x from c")).containsExactly(SSN);
            assertThat(columns("with a as (select ssn from patients), b as (select upper(ssn) u from a) "
                    + "select u from b")).containsExactly(transformed(col("patients", "ssn")));
        }

        @Test
        void aCteHidesTheTableOfTheSameName() {
            assertThat(columns("with patients as (select name as ssn from staff) select ssn from patients"))
                    .containsExactly(direct("staff", "name"));
            assertThat(columns("with patients as (select * from patients) select ssn from patients"))
                    .containsExactly(SSN);
        }

        @Test
        void derivedTables() {
            assertThat(columns("select s from (select ssn s from patients) q")).containsExactly(SSN);
            assertThat(columns("select z from (select ssn s from patients) q(z)")).containsExactly(SSN);
            assertThat(columns("select q.upper from (select upper(ssn) from patients) q"))
                    .containsExactly(transformed(col("patients", "ssn")));
            assertThat(columns("select x from (select (select ssn from patients limit 1) as x) q"))
                    .containsExactly(oneOf(col("patients", "ssn")));
        }

        @Test
        void recursiveCtes() {
            assertThat(columns("with recursive r(n, s) as (select 1, ssn from patients "
                    + "union all select n + 1, s from r where n < 5) select s, n from r"))
                    .containsExactly(SSN, ColumnOrigin.CONSTANT);
            assertThat(columns("with recursive r(s) as (select ssn from patients "
                    + "union all select upper(s) from r) select s from r"))
                    .containsExactly(transformed(col("patients", "ssn")));
        }

        @Test
        void aRecursiveListMayReferToALaterItemWhichIsNeverTakenForATable() {
            Lineage lineage = lineage("with recursive a as (select s from b), b(s) as (select ssn from patients) "
                    + "select s from a");
            assertThat(lineage.originsFor(1)).singleElement().isInstanceOf(ColumnOrigin.Unknown.class);
        }

        @Test
        void correlatedSubqueriesResolveOuterColumns() {
            assertThat(columns("select (select v.reason from visits v where v.mrn = p.mrn limit 1) from patients p"))
                    .containsExactly(oneOf(col("visits", "reason")));
            assertThat(columns("select (select p.ssn) from patients p")).containsExactly(oneOf(col("patients", "ssn")));
        }

        @Test
        void lateral() {
            assertThat(columns("select l.s from patients p, lateral (select p.ssn as s) l")).containsExactly(SSN);
            assertThat(columns("select x.* from patients p cross join lateral (select upper(p.ssn) u) x"))
                    .containsExactly(transformed(col("patients", "ssn")));
            assertThat(columns("select l.s from patients p join lateral (select p.ssn s) l on true", NO_CATALOG))
                    .containsExactly(SSN);
        }

        @Test
        void valuesAreConstant() {
            assertThat(columns("select x, y from (values (1, 'a'), (2, 'b')) v(x, y)"))
                    .containsExactly(ColumnOrigin.CONSTANT, ColumnOrigin.CONSTANT);
            assertThat(columns("values (1, 2)")).containsExactly(ColumnOrigin.CONSTANT, ColumnOrigin.CONSTANT);
            assertThat(columns("select * from patients p, lateral (values (p.ssn)) v(s)").getLast())
                    .isEqualTo(SSN);
        }

        @Test
        void functionsInFrom() {
            assertThat(columns("select g from generate_series(1, 10) g")).containsExactly(ColumnOrigin.CONSTANT);
            assertThat(columns("select * from generate_series(1, 3) with ordinality as g(i, n)"))
                    .containsExactly(ColumnOrigin.CONSTANT, ColumnOrigin.CONSTANT);
            assertThat(columns("select * from patients p, unnest(array[p.ssn], array[p.name]) as u(a, b)")
                    .subList(7, 9)).containsOnly(oneOf(col("patients", "ssn"), col("patients", "name")));
            assertThat(columns("select e from patients p, jsonb_array_elements(p.notes) e"))
                    .containsExactly(transformed(col("patients", "notes")));
            assertThat(columns("select key, value from patients p, jsonb_each(p.notes)"))
                    .containsOnly(transformed(col("patients", "notes")));
            assertThat(columns("select x.a from patients p, jsonb_to_record(p.notes) as x(a text, b int)"))
                    .containsExactly(transformed(col("patients", "notes")));
        }
    }

    @Nested
    class SetOperations {

        @Test
        void differentBranchesAreEitherSource() {
            assertThat(columns("select name from staff union select ssn from patients"))
                    .containsExactly(oneOf(col("staff", "name"), col("patients", "ssn")));
            assertThat(columns("select 'x' union all select ssn from patients intersect select name from staff"))
                    .containsExactly(oneOf(col("patients", "ssn"), col("staff", "name")));
        }

        @Test
        void identicalBranchesStayDirect() {
            assertThat(columns("select ssn from patients union all select ssn from patients")).containsExactly(SSN);
        }

        @Test
        void aConstantBranchStillMakesItDerived() {
            assertThat(columns("select ssn from patients union select 'none'"))
                    .containsExactly(oneOf(col("patients", "ssn")));
        }

        @Test
        void aSetOperationInASubqueryOrCte() {
            assertThat(columns("select n from (select name n from staff union select ssn from patients) q"))
                    .containsExactly(oneOf(col("staff", "name"), col("patients", "ssn")));
            assertThat(columns("select n from (select name from staff union select ssn from patients) q(n)"))
                    .containsExactly(oneOf(col("staff", "name"), col("patients", "ssn")));
        }

        @Test
        void aBranchOfUnknownWidthIsAlignedByTheOthers() {
            List<ColumnOrigin> origins = columns("select id, name from staff union select * from patients",
                    (schema, table) -> table.equals("staff") ? CATALOG.columns(schema, table)
                            : java.util.Optional.empty());
            assertThat(origins).hasSize(2).allMatch(ColumnOrigin.Unknown.class::isInstance);
        }
    }

    @Nested
    class Joins {

        @Test
        void anUnqualifiedNameThatSeveralTablesMayHaveComesFromAllOfThem() {
            assertThat(columns("select ssn from patients p, visits v", NO_CATALOG))
                    .containsExactly(oneOf(col("patients", "ssn"), col("visits", "ssn")));
            assertThat(columns("select ssn from patients p, visits v")).containsExactly(SSN);
        }

        @Test
        void naturalJoinMergesTheCommonColumns() {
            assertThat(columns("select mrn from patients natural join visits"))
                    .containsExactly(oneOf(col("patients", "mrn"), col("visits", "mrn")));
            List<ColumnOrigin> star = columns("select * from patients natural join visits");
            assertThat(star).hasSize(7 + 5 - 2);
            assertThat(star.getFirst()).isEqualTo(oneOf(col("patients", "id"), col("visits", "id")));
            assertThat(star).contains(SSN);
        }

        @Test
        void naturalJoinOverUnknownColumns() {
            assertThat(columns("select ssn from patients natural join visits", NO_CATALOG))
                    .containsExactly(oneOf(col("patients", "ssn"), col("visits", "ssn")));
            Lineage lineage = lineage("select * from patients natural join visits", NO_CATALOG);
            assertThat(lineage.columnCountKnown()).isFalse();
            assertThat(lineage.unknownPredicates()).isPresent();
        }

        @Test
        void usingMergesItsColumns() {
            assertThat(columns("select mrn from patients join visits using (mrn)"))
                    .containsExactly(oneOf(col("patients", "mrn"), col("visits", "mrn")));
            List<ColumnOrigin> star = columns("select * from patients full join visits using (mrn)");
            assertThat(star).hasSize(7 + 5 - 1);
            assertThat(star.getFirst()).isEqualTo(oneOf(col("patients", "mrn"), col("visits", "mrn")));
        }

        @Test
        void parenthesisedJoins() {
            assertThat(columns("select x.ssn from (patients p join visits v on p.mrn = v.mrn) x", NO_CATALOG))
                    .containsExactly(oneOf(col("patients", "ssn"), col("visits", "ssn")));
            assertThat(columns("select p.ssn from (patients p join visits v on p.mrn = v.mrn)")).containsExactly(SSN);
        }
    }

    @Nested
    class DataModification {

        @Test
        void returningFromTheTarget() {
            assertThat(columns("insert into patients (ssn) values ($1) returning ssn")).containsExactly(SSN);
            assertThat(columns("delete from patients where id = 1 returning ssn, upper(name)"))
                    .containsExactly(SSN, transformed(col("patients", "name")));
            assertThat(columns("update patients set zip = '1' returning *")).containsExactlyElementsOf(
                    allOf("patients"));
            assertThat(columns("delete from patients p using visits v where v.patient_id = p.id returning p.ssn, "
                    + "v.reason")).containsExactly(SSN, direct("visits", "reason"));
        }

        @Test
        void returningWhatWasJustCopiedIn() {
            assertThat(columns("insert into archive (body) select ssn from patients returning body"))
                    .containsExactly(oneOf(col("archive", "body"), col("patients", "ssn")));
            assertThat(columns("update archive a set body = p.ssn from patients p where p.id = a.pid "
                    + "returning a.body")).containsExactly(oneOf(col("archive", "body"), col("patients", "ssn")));
            assertThat(columns("insert into archive select id, ssn, id from patients returning body").getFirst()
                    .sources()).contains(col("patients", "ssn"));
            assertThat(columns("insert into archive (id, body) values (1, 'x') on conflict (id) do update "
                    + "set body = (select ssn from patients limit 1) returning body"))
                    .containsExactly(oneOf(col("archive", "body"), col("patients", "ssn")));
        }

        @Test
        void dataModifyingCtes() {
            assertThat(columns("with d as (delete from patients returning *) select ssn from d")).containsExactly(SSN);
            assertThat(columns("with d as (delete from patients returning ssn) select * from d", NO_CATALOG))
                    .containsExactly(SSN);
        }

        @Test
        void selectIntoDescribesTheNewTable() {
            assertThat(columns("select ssn, upper(name) into copy from patients"))
                    .containsExactly(SSN, transformed(col("patients", "name")));
        }
    }

    @Nested
    class Unknowns {

        @ParameterizedTest
        @ValueSource(strings = {
                "select get_ssn(1)",
                "select my_schema.upper(ssn) from patients",
                "select \"UPPER\"(ssn) from patients",
                "select query_to_xml('select * from patients', true, true, '')",
                "select dblink('dbname=x', 'select ssn from patients')",
                "select pg_read_file('/etc/passwd')",
                "select f from my_function() f",
                "select * from my_function()",
                "select coalesce(ssn, secret()) from patients",
                "select q.nope from (select ssn from patients) q",
                "select zz.ssn from patients",
        })
        void whatCannotBeSeenIntoIsUnknown(String sql) {
            Lineage lineage = lineage(sql);
            assertThat(lineage.known()).isTrue();
            assertThat(lineage.originsFor(1)).singleElement().isInstanceOf(ColumnOrigin.Unknown.class);
        }

        @Test
        void anUnknownFunctionNamesItselfButNoValue() {
            ColumnOrigin origin = lineage("select get_ssn(id) from patients").columns().getFirst();
            assertThat(((ColumnOrigin.Unknown) origin).reason()).contains("get_ssn").doesNotContain("patients");
        }
    }
}
