package dev.sluice.core.masking;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.sluice.core.masking.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;

class MaskingPolicyTest {

    private final MaskingPolicy policy = MaskingPolicy.builder()
            .rule(ColumnRule.whole("*.patients.ssn", Partial.keepLast(4)))
            .rule(ColumnRule.whole("public.*.email", new HmacToken(KEY)))
            .rule(ColumnRule.inJson("*.patients.insurance", "$.member_id", new HmacToken(KEY)))
            .rule(ColumnRule.inJson("*.*.insurance", "$.group", Redact.DEFAULT))
            .rule(ColumnRule.whole("*.*.insurance*", Redact.DEFAULT))
            .rule(ColumnRule.whole("*.*.dob", Year.BIRTH_DATE))
            .exemptGroups(Set.of("phi-readers"))
            .guards(Guards.DENY)
            .build();

    @Test
    void wholeColumnRuleIsFoundThroughGlobs() {
        assertThat(policy.lookup("clinic", "patients", "ssn"))
                .isEqualTo(new ColumnMasking.Whole(policy.rules().getFirst()));
        assertThat(policy.lookup("public", "staff", "email")).isInstanceOf(ColumnMasking.Whole.class);
        assertThat(policy.lookup("billing", "staff", "email")).isEqualTo(ColumnMasking.UNPROTECTED);
        assertThat(policy.lookup("x", "visits", "dob")).isInstanceOf(ColumnMasking.Whole.class);
        assertThat(policy.lookup("x", "visits", "notes").rules()).isEmpty();
    }

    @Test
    void theFirstMatchingRuleWins() {
        MaskingPolicy ordered = MaskingPolicy.builder()
                .rule(ColumnRule.whole("*.staff.dob", NullValue.INSTANCE))
                .rule(ColumnRule.whole("*.*.dob", Year.BIRTH_DATE))
                .build();

        assertThat(((ColumnMasking.Whole) ordered.lookup("s", "staff", "dob")).strategy()).isEqualTo(NullValue.INSTANCE);
        assertThat(((ColumnMasking.Whole) ordered.lookup("s", "patients", "dob")).strategy()).isEqualTo(Year.BIRTH_DATE);
    }

    @Test
    void aJsonPathRuleMakesTheColumnAJsonColumnMaskedByEveryMatchingPathRule() throws Exception {
        ColumnMasking masking = policy.lookup("public", "patients", "insurance");

        assertThat(masking).isInstanceOf(ColumnMasking.JsonPaths.class);
        assertThat(masking.rules()).extracting(ColumnRule::label)
                .containsExactly("*.patients.insurance $.member_id", "*.*.insurance $.group");
        String masked = ((ColumnMasking.JsonPaths) masking).mask("{\"member_id\":\"M1\",\"group\":\"G7\",\"payer\":\"Acme\"}");
        assertThat(masked).matches("\\{\"member_id\":\"tok_[a-z2-7]{16}\",\"group\":\"\\*\\*\\*\",\"payer\":\"Acme\"}");
    }

    @Test
    void whereNoPathRuleMatchesTheWholeColumnRuleApplies() {
        assertThat(policy.lookup("public", "claims", "insurance_id")).isInstanceOf(ColumnMasking.Whole.class);
    }

    @Test
    void anUnknownSchemaMatchesRulesForAnySchema() {
        assertThat(policy.lookup(null, "staff", "email")).isInstanceOf(ColumnMasking.Whole.class);
        assertThat(policy.lookup(null, null, "ssn")).isInstanceOf(ColumnMasking.Whole.class);
    }

    @Test
    void aColumnOfUnknownSourceIsMaskedInFullUnderARuleTheAuditLogCanName() {
        ColumnMasking.Whole masking = (ColumnMasking.Whole) policy.unknownLineage();

        assertThat(masking.strategy().mask("Jane Doe, SSN 123-45-6789", ValueKind.TEXT)).isEqualTo("***");
        assertThat(masking.strategy().fits(ValueKind.INTEGER)).isFalse();
        assertThat(masking.rule().label()).isEqualTo("on_unknown_lineage");
    }

    @Test
    void repeatedLookupsGiveTheSameAnswer() {
        assertThat(policy.lookup("clinic", "patients", "ssn")).isSameAs(policy.lookup("clinic", "patients", "ssn"));
    }

    @Test
    void exemptGroupsSeeRawValuesAndHaveNoInferenceGuard() {
        assertThat(policy.exempts(List.of("dev", "phi-readers"))).isTrue();
        assertThat(policy.exempts(List.of("dev"))).isFalse();
        assertThat(policy.guardsFor(List.of("phi-readers")))
                .isEqualTo(new Guards(GuardMode.OFF, GuardMode.DENY, GuardMode.DENY));
        assertThat(policy.guardsFor(List.of("dev"))).isEqualTo(Guards.DENY);
    }

    @Test
    void defaultsFailClosed() {
        MaskingPolicy defaults = MaskingPolicy.builder().build();

        assertThat(defaults.detectors()).isEqualTo(DetectorSet.ALL);
        assertThat(defaults.onUnknownLineage()).isEqualTo(MaskingPolicy.OnUnknownLineage.REDACT);
        assertThat(defaults.onUndecodable()).isEqualTo(MaskingPolicy.OnUndecodable.NULL);
        assertThat(MaskingPolicy.NONE.protectsAnything()).isFalse();
        assertThat(MaskingPolicy.NONE.detectors().isEmpty()).isTrue();
    }

    @Test
    void configurationRulesGoBeforePresetRules() {
        MaskingPolicy combined = PhiStrictPreset.policy(KEY).toBuilder()
                .rulesFirst(List.of(ColumnRule.whole("*.*.ssn", NullValue.INSTANCE)))
                .build();

        assertThat(((ColumnMasking.Whole) combined.lookup("s", "patients", "ssn")).strategy()).isEqualTo(NullValue.INSTANCE);
        assertThat(combined.preset()).contains("phi-strict");
    }

    @Test
    void unknownDetectorNamesAreReported() {
        assertThat(DetectorSet.of(List.of("ssn", "sssn", "phone")).unknown(Set.of("ssn", "phone", "email")))
                .containsExactly("sssn");
        assertThat(DetectorSet.ALL.unknown(Set.of())).isEmpty();
    }

    @Test
    void toStringNamesNoKeyOrMarker() {
        assertThat(policy.toString()).doesNotContain("test-key").contains("rules=6");
    }

    @Test
    void usesKeyOnlyWithKeyedStrategies() {
        assertThat(policy.usesKey()).isTrue();
        assertThat(MaskingPolicy.builder().rule(ColumnRule.whole("ssn", Redact.DEFAULT)).build().usesKey()).isFalse();
    }
}
