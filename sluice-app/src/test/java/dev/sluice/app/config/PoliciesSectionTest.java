package dev.sluice.app.config;

import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.rules.Condition;
import dev.sluice.core.policy.rules.ReviewTerms;
import dev.sluice.core.policy.rules.Rule;
import dev.sluice.core.policy.rules.RuleAction;
import dev.sluice.core.policy.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.load;
import static dev.sluice.app.config.TestConfigs.problems;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code policies:} and {@code connections[].policy}. Each YAML here is {@link TestConfigs#MINIMAL} (lines 1–18),
 * then {@code policy: …} for the connection on line 19, then the policies from line 20 on.
 */
class PoliciesSectionTest {

    /** A webhook for notify: names, written after the policies (order in the file does not matter). */
    private static final String WEBHOOK = """
            notifications:
              webhooks:
                - name: slack-dba
                  url: https://hooks.slack.com/services/T000/B000/XXXX
                  format: slack
            """;

    private static String withPolicy(String policy, String policies) {
        return MINIMAL + "    policy: " + policy + "\n" + policies;
    }

    @Test
    void aPolicyWithRulesAndPresetsLoadsInTheOrderItIsTried() throws Exception {
        GatewayConfig config = load(withPolicy("prod", """
                policies:
                  - name: prod
                    timezone: Europe/Berlin
                    presets:
                      - destructive-ddl
                      - preset: unbounded-write
                        action: review
                        message: ask a DBA first
                        approvers: dba
                        min_approvals: 2
                        timeout: 10m
                        notify: [slack-dba]
                      - bulk-export
                    rules:
                      - name: drop-needs-dba
                        when: 'statement.kind in ["DROP", "TRUNCATE"] && !("dba" in identity.groups)'
                        action: review
                        message: "dropping tables needs a DBA's approval"
                        approvers: [dba]
                        min_approvals: 2
                        timeout: 10m
                        notify: [slack-dba]
                      - name: flag-night-work
                        when: time.hour < 6
                        action: warn
                      - name: everything-else
                        action: allow
                """ + WEBHOOK));
        RuleSet prod = config.policy("prod").orElseThrow().rules();
        assertThat(prod.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(prod.rules()).extracting(Rule::name).containsExactly("drop-needs-dba", "flag-night-work",
                "everything-else", "destructive-ddl", "unbounded-write", "bulk-export");
        Rule drop = prod.rules().getFirst();
        assertThat(drop.action()).isEqualTo(RuleAction.REVIEW);
        assertThat(drop.when().source())
                .isEqualTo("statement.kind in [\"DROP\", \"TRUNCATE\"] && !(\"dba\" in identity.groups)");
        assertThat(drop.when().readsStatement()).isTrue();
        assertThat(drop.message()).isEqualTo("dropping tables needs a DBA's approval");
        assertThat(drop.review()).isEqualTo(new ReviewTerms(List.of("dba"), 2, Duration.ofMinutes(10),
                List.of("slack-dba")));
        assertThat(prod.rules().get(1).when().readsStatement()).isFalse();
        assertThat(prod.rules().get(2).when()).isSameAs(Condition.ALWAYS);
        Rule unbounded = prod.rules().get(4);
        assertThat(unbounded.action()).isEqualTo(RuleAction.REVIEW);
        assertThat(unbounded.message()).isEqualTo("ask a DBA first");
        assertThat(unbounded.review()).isEqualTo(new ReviewTerms(List.of("dba"), 2, Duration.ofMinutes(10),
                List.of("slack-dba")));
        Rule ddl = prod.rules().get(3);
        assertThat(ddl.action()).isEqualTo(RuleAction.REVIEW);
        assertThat(ddl.review()).isEqualTo(new ReviewTerms(List.of(), 1, Decision.Review.DEFAULT_TIMEOUT, List.of()));
        assertThat(config.connections().getFirst().policy()).isEqualTo("prod");
    }

    @Test
    void withoutPoliciesConnectionsGetTheDefaultAndTheDefaultMayBeDefined() throws Exception {
        GatewayConfig plain = load(MINIMAL);
        assertThat(plain.policies()).isEmpty();
        assertThat(plain.connections().getFirst().policy()).isEqualTo("default");

        GatewayConfig defined = load(MINIMAL + """
                policies:
                  - name: default
                    presets: [unbounded-write]
                """);
        assertThat(defined.policy("default").map(PolicyConfig::rules)).hasValueSatisfying(p -> {
            assertThat(p.timeZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(p.rules()).extracting(Rule::name).containsExactly("unbounded-write");
        });
        assertThat(load(withPolicy("default", "policies: []\n")).connections().getFirst().policy())
                .isEqualTo("default");
    }

    @Test
    void aCelSyntaxErrorIsReportedAtItsWhenWithCelsMessage() {
        String message = problems(withPolicy("prod", """
                policies:
                  - name: prod
                    rules:
                      - name: ok
                        when: statement.kind == 'DROP'
                        action: deny
                      - name: broken
                        when: 'statement.kind =='
                        action: deny
                """));
        assertThat(message).startsWith("sluice.yaml:27:15: policies[0].rules[1].when: mismatched input '<EOF>' "
                + "expecting {").endsWith("(at column 18 of the expression)");
        assertThat(message.lines()).hasSize(1);
    }

    @Test
    void typeErrorsAndUnknownNamesAreReportedWithCelsMessage() {
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    rules:
                      - name: kind-is-a-string
                        when: statement.kind == 1
                        action: deny
                      - name: not-a-bool
                        when: statement.kind
                        action: deny
                      - name: typo
                        when: "'dba' in identity.grups"
                        action: deny
                      - name: unknown
                        when: user == 'bob'
                        action: deny
                """)).lines()).containsExactly(
                "sluice.yaml:24:15: policies[0].rules[0].when: found no matching overload for '_==_' applied to "
                        + "'(string, int)' (candidates: (%A0, %A0)) (at column 16 of the expression)",
                "sluice.yaml:27:15: policies[0].rules[1].when: expected type 'bool' but found 'string' "
                        + "(at column 10 of the expression)",
                "sluice.yaml:30:15: policies[0].rules[2].when: 'identity' has no field 'grups' (its fields: user, "
                        + "name, groups, issuer, proof) (at column 10 of the expression)",
                "sluice.yaml:33:15: policies[0].rules[3].when: undeclared reference to 'user' "
                        + "(at column 1 of the expression)");
    }

    @Test
    void unknownPresetsActionsAndTimeZonesSayWhatExists() {
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    timezone: Mars/Olympus
                    presets:
                      - destructive-dll
                      - preset: bulk-exports
                      - preset: unbounded-write
                        action: block
                      - wat
                    rules:
                      - name: r
                        action: forbid
                """)).lines()).containsExactly(
                "sluice.yaml:22:15: policies[0].timezone: unknown time zone 'Mars/Olympus' "
                        + "(use a name such as UTC or Europe/Berlin)",
                "sluice.yaml:24:9: policies[0].presets[0]: unknown preset 'destructive-dll' "
                        + "(did you mean 'destructive-ddl'?)",
                "sluice.yaml:25:17: policies[0].presets[1].preset: unknown preset 'bulk-exports' "
                        + "(did you mean 'bulk-export'?)",
                "sluice.yaml:27:17: policies[0].presets[2].action: unknown action 'block' "
                        + "(supported: allow, deny, review, warn)",
                "sluice.yaml:28:9: policies[0].presets[3]: unknown preset 'wat' (presets: destructive-ddl, "
                        + "unbounded-write, privilege-changes, dangerous-functions, bulk-export)",
                "sluice.yaml:31:17: policies[0].rules[0].action: unknown action 'forbid' "
                        + "(supported: allow, deny, review, warn)");
    }

    @Test
    void reviewSettingsOnAnotherActionAreRefused() {
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    presets:
                      - preset: privilege-changes
                        approvers: [dba]
                    rules:
                      - name: r
                        when: statement.kind == 'DROP'
                        action: deny
                        timeout: 10m
                        notify: slack-dba
                """ + WEBHOOK)).lines()).containsExactly(
                "sluice.yaml:24:20: policies[0].presets[0].approvers: only used with action: review "
                        + "(this rule's action is deny)",
                "sluice.yaml:29:18: policies[0].rules[0].timeout: only used with action: review "
                        + "(this rule's action is deny)",
                "sluice.yaml:30:17: policies[0].rules[0].notify: only used with action: review "
                        + "(this rule's action is deny)");
    }

    @Test
    void notifyMustNameAWebhook() {
        String policies = """
                policies:
                  - name: prod
                    rules:
                      - name: r
                        action: review
                        notify: [slack-dba, slack-dab, pager]
                """;
        assertThat(problems(withPolicy("prod", policies)).lines()).containsExactly(
                "sluice.yaml:25:18: policies[0].rules[0].notify[0]: unknown webhook 'slack-dba' "
                        + "(none is defined under notifications.webhooks)",
                "sluice.yaml:25:29: policies[0].rules[0].notify[1]: unknown webhook 'slack-dab' "
                        + "(none is defined under notifications.webhooks)",
                "sluice.yaml:25:40: policies[0].rules[0].notify[2]: unknown webhook 'pager' "
                        + "(none is defined under notifications.webhooks)");
        assertThat(problems(withPolicy("prod", policies + WEBHOOK)).lines()).containsExactly(
                "sluice.yaml:25:29: policies[0].rules[0].notify[1]: unknown webhook 'slack-dab' "
                        + "(did you mean 'slack-dba'?)",
                "sluice.yaml:25:40: policies[0].rules[0].notify[2]: unknown webhook 'pager' (defined: slack-dba)");
    }

    @Test
    void reviewSettingsAreBounded() {
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    rules:
                      - name: r
                        action: review
                        min_approvals: 0
                        timeout: 2d
                """)).lines()).containsExactly(
                "sluice.yaml:25:24: policies[0].rules[0].min_approvals: must be between 1 and 10",
                "sluice.yaml:26:18: policies[0].rules[0].timeout: must be between 1s and 1d");
    }

    @Test
    void namesAreUniqueAndPresetRulesShareTheRuleNamespace() {
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    presets: [bulk-export, bulk-export]
                    rules:
                      - name: destructive-ddl
                        action: allow
                      - name: destructive-ddl
                        action: deny
                  - name: prod
                    presets: [destructive-ddl]
                    rules:
                      - name: destructive-ddl
                        action: warn
                """)).lines()).containsExactly(
                "sluice.yaml:22:28: policies[0].presets[1]: duplicate rule name 'bulk-export' (first used at "
                        + "line 22; a preset's rules are named after the preset)",
                "sluice.yaml:26:15: policies[0].rules[1].name: duplicate rule name 'destructive-ddl' (first used "
                        + "at line 24; a preset's rules are named after the preset)",
                "sluice.yaml:28:11: policies[1].name: duplicate policy name 'prod' (first used at line 21)",
                "sluice.yaml:29:15: policies[1].presets[0]: duplicate rule name 'destructive-ddl' (first used at "
                        + "line 31; a preset's rules are named after the preset)");
    }

    @Test
    void aConnectionMustNameADefinedPolicy() {
        assertThat(problems(withPolicy("nope", """
                policies:
                  - name: prod
                """))).isEqualTo(
                "sluice.yaml:19:13: connections[0].policy: unknown policy 'nope' (supported: default, prod)");
        // A policy with a problem of its own is still a known name: one problem, where it is.
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    presets: [nope]
                """))).isEqualTo("sluice.yaml:22:15: policies[0].presets[0]: unknown preset 'nope' "
                + "(presets: destructive-ddl, unbounded-write, privilege-changes, dangerous-functions, bulk-export)");
    }

    @Test
    void unknownKeysInPoliciesAndRulesAreErrors() {
        assertThat(problems(withPolicy("prod", """
                policies:
                  - name: prod
                    rule:
                      - name: r
                        action: deny
                  - name: other
                    rules:
                      - name: r
                        condition: statement.kind == 'DROP'
                        action: deny
                """)).lines()).containsExactly(
                "sluice.yaml:22:5: policies[0].rule: unknown key (did you mean 'rules'?)",
                "sluice.yaml:28:9: policies[1].rules[0].condition: unknown key (expected one of: name, when, "
                        + "action, message, approvers, min_approvals, timeout, notify)");
    }
}
