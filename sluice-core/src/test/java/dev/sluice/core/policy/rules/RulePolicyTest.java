package dev.sluice.core.policy.rules;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.core.policy.ProtectedData;
import dev.sluice.core.session.SessionContext;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static dev.sluice.core.policy.rules.Judging.alice;
import static dev.sluice.core.policy.rules.Judging.outcome;
import static dev.sluice.core.policy.rules.Judging.person;
import static dev.sluice.core.policy.rules.Judging.policy;
import static dev.sluice.core.policy.rules.Judging.rule;
import static dev.sluice.core.policy.rules.Judging.session;
import static dev.sluice.core.policy.rules.Judging.sql;
import static dev.sluice.core.policy.rules.RuleAction.ALLOW;
import static dev.sluice.core.policy.rules.RuleAction.DENY;
import static dev.sluice.core.policy.rules.RuleAction.REVIEW;
import static dev.sluice.core.policy.rules.RuleAction.WARN;
import static org.assertj.core.api.Assertions.assertThat;

/** The order and combination semantics documented on {@link RulePolicy}. */
class RulePolicyTest {

    private final RulePolicy ddlAndWrites = policy(
            rule("dba-may-drop", "'dba' in identity.groups && statement.kind == 'DROP'", ALLOW),
            rule("drop-needs-review", "statement.kind in ['DROP', 'TRUNCATE']", REVIEW),
            rule("no-unbounded-delete", "statement.kind == 'DELETE' && !statement.has_where", DENY));

    @Test
    void theFirstMatchingRuleDecidesAStatement() {
        assertThat(outcome(ddlAndWrites.decide(alice(), sql("DROP TABLE visits")))).isEqualTo("review:drop-needs-review");
        assertThat(outcome(ddlAndWrites.decide(session(person("dora", "dba")), sql("DROP TABLE visits"))))
                .isEqualTo("allow");
        assertThat(outcome(ddlAndWrites.decide(session(person("dora", "dba")), sql("TRUNCATE visits"))))
                .isEqualTo("review:drop-needs-review");
        assertThat(outcome(ddlAndWrites.decide(alice(), sql("SELECT * FROM visits")))).isEqualTo("allow");
    }

    @Test
    void everyStatementOfAMultiStatementStringIsJudgedAndTheStrongestDecisionWins() {
        assertThat(outcome(ddlAndWrites.decide(alice(), sql("SELECT 1; DROP TABLE visits; SELECT 2"))))
                .isEqualTo("review:drop-needs-review");
        assertThat(outcome(ddlAndWrites.decide(alice(), sql("DROP TABLE a; DELETE FROM b; TRUNCATE c"))))
                .isEqualTo("deny:no-unbounded-delete");
        assertThat(outcome(ddlAndWrites.decide(alice(), sql("BEGIN; DELETE FROM b WHERE id = 1; COMMIT"))))
                .isEqualTo("allow");
        // A statement the dba may run does not cover the next one.
        assertThat(outcome(ddlAndWrites.decide(session(person("dora", "dba")),
                sql("DROP TABLE a; DELETE FROM b")))).isEqualTo("deny:no-unbounded-delete");
    }

    @Test
    void theFirstStatementWithTheStrongestDecisionNamesTheRule() {
        RulePolicy twoReviews = policy(
                rule("drops", "statement.kind == 'DROP'", REVIEW),
                rule("truncates", "statement.kind == 'TRUNCATE'", REVIEW));
        assertThat(outcome(twoReviews.decide(alice(), sql("TRUNCATE a; DROP TABLE b"))))
                .isEqualTo("review:truncates");
    }

    @Test
    void anEmptyCommandIsAllowed() {
        RulePolicy denyAll = policy(rule("nothing", null, DENY));
        assertThat(denyAll.decide(alice(), sql(""))).isEqualTo(new Decision.Allow(MaskPlan.NONE));
        assertThat(outcome(denyAll.decide(alice(), sql("SELECT 1")))).isEqualTo("deny:nothing");
    }

    @Test
    void warningsAccumulateAcrossRulesAndStatementsAndEvaluationGoesOn() {
        RulePolicy policy = policy(
                rule("writes", "statement.tables_written.size() > 0", WARN),
                rule("patients", "'patients' in statement.tables", WARN),
                rule("deletes", "statement.kind == 'DELETE' && !statement.has_where", DENY),
                rule("writes-again", "statement.tables_written.size() > 0", WARN));
        assertThat(policy.decide(alice(), sql("SELECT * FROM patients; UPDATE visits SET a = 1 WHERE id = 2; "
                + "UPDATE patients SET a = 1 WHERE id = 3")))
                .isEqualTo(new Decision.Allow(MaskPlan.NONE, List.of("patients", "writes", "writes-again")));
        assertThat(policy.decide(alice(), sql("SELECT 1"))).isEqualTo(new Decision.Allow(MaskPlan.NONE));
        assertThat(policy.decide(alice(), sql("SELECT 1")).outcome()).isEqualTo("allow");
        assertThat(policy.decide(alice(), sql("SELECT * FROM patients")).outcome()).isEqualTo("warn");
        // A refused command carries only the refusing rule.
        assertThat(outcome(policy.decide(alice(), sql("UPDATE patients SET a = 1 WHERE id = 3; DELETE FROM x"))))
                .isEqualTo("deny:deletes");
    }

    @Test
    void anAllowRuleStopsLaterWarnings() {
        RulePolicy policy = policy(
                rule("reads-are-fine", "statement.kind == 'SELECT'", ALLOW),
                rule("everything", null, WARN));
        assertThat(outcome(policy.decide(alice(), sql("SELECT 1")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(alice(), sql("DELETE FROM t WHERE id = 1")))).isEqualTo("allow+everything");
    }

    @Test
    void unparseableStatementsMatchDenyAndReviewRulesThatAskAboutStatements() {
        RulePolicy policy = policy(
                rule("drops", "statement.kind == 'DROP'", DENY),
                rule("nobody-special", "identity.user == 'mallory'", DENY));
        // Neither JSqlParser nor the keywords can tell what this does: fail closed.
        assertThat(outcome(policy.decide(alice(), sql("SELECT FROM WHERE patients")))).isEqualTo("deny:drops");
        assertThat(outcome(policy.decide(alice(), sql("DO $$ BEGIN DROP TABLE patients; END $$"))))
                .isEqualTo("deny:drops");
        assertThat(outcome(policy.decide(alice(), sql("COPY (SELECT * FROM patients) TO STDOUT"))))
                .isEqualTo("deny:drops");
        assertThat(outcome(policy.decide(alice(), sql("this is not sql")))).isEqualTo("deny:drops");
        // Statements whose keywords say it all are judged as usual.
        assertThat(outcome(policy.decide(alice(), sql("BEGIN; SELECT 1; COMMIT")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(alice(), sql("COPY patients TO STDOUT")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(alice(), sql("SET statement_timeout TO 5000")))).isEqualTo("allow");
    }

    @Test
    void aRefusalOfAStatementTheGatewayCouldNotCheckSaysSo() {
        RulePolicy policy = policy(rule("unbounded", "statement.kind == 'DELETE' && !statement.has_where", DENY));
        assertThat(policy.decide(alice(), sql("this is not sql"))).isInstanceOfSatisfying(Decision.Deny.class,
                deny -> assertThat(deny.reason()).startsWith("the gateway could not check this statement against "
                        + "the rule"));
        assertThat(policy.decide(alice(), sql("DELETE FROM t"))).isInstanceOfSatisfying(Decision.Deny.class,
                deny -> assertThat(deny.reason()).doesNotContain("could not check"));
    }

    @Test
    void rulesAboutOnlyTheIdentityJudgeUnparseableStatementsAsUsual() {
        RulePolicy policy = policy(rule("nobody-special", "identity.user == 'mallory'", DENY),
                rule("night-review", "time.hour < 6", REVIEW));
        assertThat(outcome(policy.decide(alice(), sql("SELECT FROM WHERE patients")))).isEqualTo("allow");
        assertThat(outcome(policy.decide(session(person("mallory")), sql("SELECT FROM WHERE patients"))))
                .isEqualTo("deny:nobody-special");
    }

    @Test
    void anAllowRuleThatAsksAboutTheStatementDoesNotMatchAnUnparseableOne() {
        RulePolicy policy = policy(
                rule("selects-are-fine", "statement.kind == 'SELECT'", ALLOW),
                rule("dev-only", "!('dba' in identity.groups)", DENY));
        assertThat(outcome(policy.decide(alice(), sql("SELECT * FROM patients")))).isEqualTo("allow");
        // The keyword fallback says SELECT, but an unparsed SELECT could call anything.
        assertThat(outcome(policy.decide(alice(), sql("SELECT * FROM t LIMIT (SELECT pg_read_file('x'))"))))
                .isEqualTo("deny:dev-only");
    }

    @Test
    void warnRulesJudgeUnparseableStatementsOnWhatIsKnown() {
        RulePolicy policy = policy(rule("copies", "statement.kind == 'COPY'", WARN),
                rule("selects", "statement.kind == 'SELECT'", WARN));
        assertThat(outcome(policy.decide(alice(), sql("COPY (SELECT 1) TO STDOUT")))).isEqualTo("allow+copies");
    }

    @Test
    void aConditionThatFailsAtRunTimeMatchesUnlessItWouldAllow() {
        RulePolicy refusing = policy(rule("third-table", "statement.tables[2] == 'x'", DENY));
        assertThat(outcome(refusing.decide(alice(), sql("SELECT * FROM a")))).isEqualTo("deny:third-table");
        assertThat(outcome(refusing.decide(alice(), sql("SELECT * FROM a, b, x")))).isEqualTo("deny:third-table");
        assertThat(outcome(refusing.decide(alice(), sql("SELECT * FROM a, b, c")))).isEqualTo("allow");

        // Division by zero for a single statement.
        RulePolicy allowing = policy(rule("ratio", "10 / (command.statement_count - 1) > 0", ALLOW),
                rule("rest", null, REVIEW));
        assertThat(outcome(allowing.decide(alice(), sql("SELECT 1")))).isEqualTo("review:rest");
        assertThat(outcome(allowing.decide(alice(), sql("SELECT 1; SELECT 2")))).isEqualTo("allow");
    }

    @Test
    void conditionsSeeTheIdentityConnectionSessionAndCommand() {
        SessionContext dora = session(person("dora", "dba", "oncall"));
        assertThat(matches("identity.user == 'dora' && identity.name == 'DORA'", dora, "SELECT 1")).isTrue();
        assertThat(matches("identity.groups == ['dba', 'oncall']", dora, "SELECT 1")).isTrue();
        assertThat(matches("identity.issuer.startsWith('https://') && identity.proof == 'OIDC_TOKEN'", dora,
                "SELECT 1")).isTrue();
        assertThat(matches("connection.name == 'clinic' && connection.type == 'postgresql'", dora, "SELECT 1"))
                .isTrue();
        assertThat(matches("session.application_name == 'psql' && session.client_address.startsWith('10.')", dora,
                "SELECT 1")).isTrue();
        assertThat(matches("command.statement_count == 2 && command.kinds == ['BEGIN', 'DELETE']", dora,
                "BEGIN; DELETE FROM t WHERE id = 1")).isTrue();
        assertThat(matches("command.text.contains('id = 1')", dora, "DELETE FROM t WHERE id = 1")).isTrue();
        // statement.text is literal-free; command.text is what was sent.
        assertThat(matches("statement.text == 'DELETE FROM t WHERE id = ?'", dora, "DELETE FROM t WHERE id = 1"))
                .isTrue();
        assertThat(matches("statement.tables_read == ['u'] && statement.tables_written == ['t'] "
                + "&& statement.tables == ['t', 'u'] && statement.has_where && statement.parsed", dora,
                "UPDATE t SET a = u.b FROM u WHERE t.id = u.id")).isTrue();
        assertThat(matches("statement.functions == ['lower'] && statement.has_limit && statement.traits == []",
                dora, "SELECT lower(a) FROM t LIMIT 1")).isTrue();
        assertThat(matches("sets.intersects(statement.tables, ['t', 'z']) && 'x'.upperAscii() == 'X'", dora,
                "SELECT * FROM t")).isTrue();
    }

    @Test
    void touchesProtectedAsksTheMaskingPolicy() {
        RulePolicy policy = policy(Judging.PATIENTS_PROTECTED, Clock.systemUTC(), ZoneOffset.UTC,
                rule("protected", "statement.touches_protected", DENY));
        assertThat(outcome(policy.decide(alice(), sql("SELECT * FROM patients")))).isEqualTo("deny:protected");
        assertThat(outcome(policy.decide(alice(), sql("SELECT * FROM visits")))).isEqualTo("allow");
        RulePolicy broken = policy(statement -> {
            throw new IllegalStateException("masking policy unavailable");
        }, Clock.systemUTC(), ZoneOffset.UTC, rule("protected", "statement.touches_protected", DENY));
        assertThat(outcome(broken.decide(alice(), sql("SELECT * FROM visits")))).isEqualTo("deny:protected");
    }

    @Test
    void timeIsReadInThePolicysTimeZone() {
        // Monday 23:30 UTC is Tuesday 00:30 in Berlin (winter time).
        Clock lateMonday = Clock.fixed(Instant.parse("2025-03-03T23:30:00Z"), ZoneOffset.UTC);
        Rule nightShift = rule("night", "time.hour < 6 && time.weekday == 'TUESDAY' && time.date == '2025-03-04' "
                + "&& time.minute == 30", REVIEW);
        assertThat(outcome(policy(ProtectedData.NONE, lateMonday, ZoneId.of("Europe/Berlin"), nightShift)
                .decide(alice(), sql("SELECT 1")))).isEqualTo("review:night");
        assertThat(outcome(policy(ProtectedData.NONE, lateMonday, ZoneOffset.UTC, nightShift)
                .decide(alice(), sql("SELECT 1")))).isEqualTo("allow");
        Rule afterDeadline = rule("deadline", "now > timestamp('2025-03-03T23:00:00Z') "
                + "&& now.getHours('Europe/Berlin') == 0", DENY);
        assertThat(outcome(policy(ProtectedData.NONE, lateMonday, ZoneOffset.UTC, afterDeadline)
                .decide(alice(), sql("SELECT 1")))).isEqualTo("deny:deadline");
    }

    @Test
    void decisionsCarryTheRulesMessageAndReviewTerms() {
        Rule review = new Rule("drop-needs-dba", Judging.when("statement.kind == 'DROP'"), REVIEW,
                "dropping tables needs a DBA's approval",
                new ReviewTerms(List.of("dba"), 2, java.time.Duration.ofMinutes(10), List.of("slack-dba")));
        Rule deny = new Rule("no-truncate", Judging.when("statement.kind == 'TRUNCATE'"), DENY, "");
        RulePolicy policy = policy(review, deny);
        assertThat(policy.decide(alice(), sql("DROP TABLE t"))).isEqualTo(new Decision.Review("drop-needs-dba",
                "dropping tables needs a DBA's approval", List.of("dba"), 2, java.time.Duration.ofMinutes(10),
                List.of("slack-dba")));
        assertThat(policy.decide(alice(), sql("TRUNCATE t")))
                .isEqualTo(new Decision.Deny("no-truncate", "refused by rule 'no-truncate'"));
    }

    @Test
    void onePolicyJudgesConcurrentSessionsIndependently() throws Exception {
        SqlCommand drop = sql("DROP TABLE visits");
        SqlCommand select = sql("SELECT * FROM visits WHERE id = 1");
        SessionContext dora = session(person("dora", "dba"));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        boolean asDba = (i + thread) % 2 == 0;
                        String expected = asDba ? "allow" : "review:drop-needs-review";
                        if (!outcome(ddlAndWrites.decide(asDba ? dora : alice(), drop)).equals(expected)
                                || !outcome(ddlAndWrites.decide(alice(), select)).equals("allow")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    private static boolean matches(String condition, SessionContext session, String text) {
        SqlCommand command = sql(text);
        return policy(rule("probe", condition, DENY)).decide(session, command) instanceof Decision.Deny;
    }
}
