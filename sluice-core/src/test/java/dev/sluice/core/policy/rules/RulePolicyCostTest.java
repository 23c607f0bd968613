package dev.sluice.core.policy.rules;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.policy.Decision;
import dev.sluice.core.session.SessionContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.sluice.core.policy.rules.Judging.PATIENTS_PROTECTED;
import static dev.sluice.core.policy.rules.Judging.alice;
import static dev.sluice.core.policy.rules.Judging.rule;
import static dev.sluice.core.policy.rules.Judging.sql;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long judging a statement against ten rules takes. Printed, not asserted: a timing assertion would fail on a
 * loaded machine without saying anything about the code.
 */
class RulePolicyCostTest {

    @Test
    void tenRulesCostAFewMicrosecondsPerStatement() {
        List<Rule> rules = new ArrayList<>();
        for (String preset : Presets.names()) {
            rules.addAll(Presets.rules(Presets.Choice.of(preset)));
        }
        rules.add(rule("dba-drop", "'dba' in identity.groups && statement.kind == 'DROP'", RuleAction.ALLOW));
        rules.add(rule("night", "time.hour < 6 && !('oncall' in identity.groups)", RuleAction.REVIEW));
        rules.add(rule("patients-writes", "'patients' in statement.tables_written", RuleAction.WARN));
        rules.add(rule("psql-only", "session.application_name != 'psql' && statement.kind == 'TRUNCATE'",
                RuleAction.DENY));
        rules.add(rule("big-commands", "command.statement_count > 50", RuleAction.WARN));
        RulePolicy policy = new RulePolicy(new RuleSet("prod", null, rules), PATIENTS_PROTECTED,
                java.time.Clock.fixed(Judging.MONDAY_AFTERNOON, java.time.ZoneOffset.UTC));
        assertThat(rules).hasSize(10);

        SessionContext session = alice();
        SqlCommand command = sql("SELECT p.name, lower(v.notes) FROM patients p JOIN visits v ON v.pid = p.id "
                + "WHERE p.id = 42 LIMIT 10; UPDATE visits SET notes = 'x' WHERE id = 7; SELECT count(*) FROM visits");
        int statements = command.statements().size();
        Decision decision = null;
        for (int i = 0; i < 20_000; i++) { // warm up
            decision = policy.decide(session, command);
        }
        int rounds = 50_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            decision = policy.decide(session, command);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds / statements;
        System.out.printf("RulePolicy: %d rules, %.2f µs per statement (indicative only)%n", rules.size(), micros);
        assertThat(decision).isInstanceOf(Decision.Allow.class);
    }
}
