package dev.sluice.app.config;

import dev.sluice.core.masking.DetectorSet;
import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.masking.Guards;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.phi.CustomDetectorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.sluice.app.config.TestConfigs.DB_PASSWORD;
import static dev.sluice.app.config.TestConfigs.FILE;
import static dev.sluice.app.config.TestConfigs.MINIMAL;
import static dev.sluice.app.config.TestConfigs.problems;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code policies[].masking} as the whole file is read: a policy entry carries rules and a masking policy. Each YAML
 * here is {@link TestConfigs#MINIMAL} (lines 1–18), then {@code policy: strict} on line 19, then the policies from
 * line 20 on.
 */
class PolicyMaskingConfigTest {

    /** A distinctive key: if it ever shows up in a message, a test sees it. */
    private static final String KEY = "Kw4-distinctive-masking-key-0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("CLINIC_DB_PASSWORD", DB_PASSWORD, "K", KEY);

    private static String strict(String policies) {
        return MINIMAL + "    policy: strict\n" + policies;
    }

    private static GatewayConfig load(String yaml) throws ConfigException {
        return ConfigLoader.fromString(yaml, FILE, ENV);
    }

    @Test
    void aPolicyWithThePhiStrictPresetLoads() throws Exception {
        GatewayConfig config = load(strict("""
                policies:
                  - name: strict
                    presets: [bulk-export]
                    masking: {preset: phi-strict, key: "${env:K}"}
                """));

        PolicyConfig strict = config.policy("strict").orElseThrow();
        assertThat(strict.rules().rules()).hasSize(1);
        assertThat(strict.masking().preset()).contains("phi-strict");
        assertThat(strict.masking().guards()).isEqualTo(Guards.DENY);
        assertThat(strict.masking().protectsAnything()).isTrue();
        assertThat(strict.customDetectors()).isEmpty();
        assertThat(strict.toString()).doesNotContain(KEY);
    }

    @Test
    void theExampleOfTheConfigurationReferenceLoads() throws Exception {
        GatewayConfig config = ConfigLoader.fromString(MINIMAL + "    policy: clinic\n" + """
                policies:
                  - name: clinic
                    presets: [bulk-export]
                    masking:
                      preset: phi-strict
                      key: ${env:SLUICE_MASKING_KEY}
                      columns:
                        - {match: "*.patients.ssn", strategy: partial, keep_last: 4}
                        - {match: "*.patients.insurance", json_path: "$.member_id", strategy: hmac}
                      detectors: [ssn, phone, email, employee-id]
                      custom_detectors:
                        - name: employee-id
                          regex: 'E-[0-9]{6}'
                          context: [employee, staff]
                      on_unknown_lineage: redact
                      exempt_groups: [phi-readers]
                      guards:
                        inference: deny
                        copy_out: review
                        code_execution: deny
                """, FILE, Map.of("CLINIC_DB_PASSWORD", DB_PASSWORD, "SLUICE_MASKING_KEY", KEY));

        PolicyConfig clinic = config.policy("clinic").orElseThrow();
        assertThat(clinic.masking().guards()).isEqualTo(new Guards(GuardMode.DENY, GuardMode.REVIEW, GuardMode.DENY));
        assertThat(clinic.customDetectors()).extracting(CustomDetectorSpec::name).containsExactly("employee-id");
    }

    @Test
    void aPolicyMayHaveMaskingAloneAndOneWithoutMaskingMasksNothing() throws Exception {
        GatewayConfig config = load(strict("""
                policies:
                  - name: strict
                    masking:
                      columns: [{match: "*.patients.ssn", strategy: redact}]
                      guards: {inference: review, copy_out: deny, code_execution: off}
                  - name: plain
                    presets: [unbounded-write]
                """));

        MaskingPolicy strict = config.policy("strict").orElseThrow().masking();
        assertThat(strict.guards()).isEqualTo(new Guards(GuardMode.REVIEW, GuardMode.DENY, GuardMode.OFF));
        assertThat(config.policy("strict").orElseThrow().rules().rules()).isEmpty();
        assertThat(config.policy("plain").orElseThrow().masking()).isSameAs(MaskingPolicy.NONE);
    }

    @Test
    void badMaskingIsReportedWithFileLineAndColumn() {
        assertThat(problems(strict("""
                policies:
                  - name: strict
                    masking:
                      preset: phi-strict
                      columns:
                        - {match: "*.patients.ssn", strategy: hash}
                      detectors: [ssn, sssn]
                      guards: {inference: warn}
                      exempt: [phi-readers]
                """), ENV).lines()).containsExactlyInAnyOrder(
                "sluice.yaml:28:7: policies[0].masking.exempt: unknown key (expected one of: preset, key, columns, "
                        + "detectors, on_unknown_lineage, on_undecodable, exempt_groups, guards, custom_detectors)",
                "sluice.yaml:25:47: policies[0].masking.columns[0].strategy: unknown masking strategy 'hash' "
                        + "(supported: redact, partial, hmac, pseudonym, year, zip3, null)",
                "sluice.yaml:26:24: policies[0].masking.detectors[1]: unknown detector 'sssn' (did you mean 'ssn'?)",
                "sluice.yaml:27:27: policies[0].masking.guards.inference: unknown guard mode 'warn' "
                        + "(supported: off, deny, review)",
                "sluice.yaml:23:7: policies[0].masking.key: is required: preset phi-strict use keyed strategies "
                        + "(hmac, pseudonym); give a secret of at least 32 bytes as ${env:NAME} or ${file:PATH}");
    }

    @Test
    void maskingMustBeAMapping() {
        assertThat(problems(strict("""
                policies:
                  - name: strict
                    masking: phi-strict
                """), ENV)).isEqualTo("sluice.yaml:22:14: policies[0].masking: expected a mapping, got a string");
    }

    @Test
    void customDetectorsLoadAndCanBeChosenByName() throws Exception {
        GatewayConfig config = load(strict("""
                policies:
                  - name: strict
                    masking:
                      detectors: [ssn, employee-id, wards]
                      custom_detectors:
                        - name: employee-id
                          regex: 'E-[0-9]{6}'
                          context: [employee, staff]
                          confidence: 0.8
                        - name: wards
                          dictionary: [Ward 7B, Oncology Annex]
                          case_sensitive: true
                """));

        PolicyConfig strict = config.policy("strict").orElseThrow();
        assertThat(strict.masking().detectors()).isEqualTo(DetectorSet.of(List.of("ssn", "employee-id", "wards")));
        assertThat(strict.customDetectors()).containsExactly(
                new CustomDetectorSpec("employee-id", CustomDetectorSpec.Kind.REGEX, List.of("E-[0-9]{6}"),
                        List.of("employee", "staff"), 0.8, false),
                new CustomDetectorSpec("wards", CustomDetectorSpec.Kind.DICTIONARY,
                        List.of("Ward 7B", "Oncology Annex"), List.of(), 0.9, true));
    }

    @Test
    void customDetectorMistakesAreReportedWhereTheyAreWritten() {
        assertThat(problems(strict("""
                policies:
                  - name: strict
                    masking:
                      custom_detectors:
                        - name: ssn
                          regex: '[0-9]{9}'
                        - name: badge
                          regex: ['B-[0-9]{4}', 'B-(']
                        - name: both
                          regex: x
                          dictionary: [y]
                        - name: neither
                        - name: badge
                          dictionary: [z]
                          confidence: 1.5
                          colour: red
                """), ENV).lines()).containsExactlyInAnyOrder(
                "sluice.yaml:24:17: policies[0].masking.custom_detectors[0].name: 'ssn' is a built-in detector; "
                        + "choose another name",
                "sluice.yaml:27:33: policies[0].masking.custom_detectors[1].regex[1]: invalid pattern B-(: "
                        + "missing closing )",
                "sluice.yaml:30:23: policies[0].masking.custom_detectors[2].dictionary: a detector has either regex "
                        + "or dictionary, not both",
                "sluice.yaml:31:11: policies[0].masking.custom_detectors[3]: needs regex (a list of patterns) or "
                        + "dictionary (a list of words and phrases)",
                "sluice.yaml:32:17: policies[0].masking.custom_detectors[4].name: duplicate detector name 'badge' "
                        + "(first used at line 26)",
                "sluice.yaml:34:23: policies[0].masking.custom_detectors[4].confidence: must be greater than 0 and "
                        + "at most 1",
                "sluice.yaml:35:11: policies[0].masking.custom_detectors[4].colour: unknown key (expected one of: "
                        + "name, regex, dictionary, context, confidence, case_sensitive)");
    }
}
