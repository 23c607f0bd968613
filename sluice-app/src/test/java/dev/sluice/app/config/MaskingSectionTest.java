package dev.sluice.app.config;

import dev.sluice.core.masking.ColumnMasking;
import dev.sluice.core.masking.ColumnRule;
import dev.sluice.core.masking.DetectorSet;
import dev.sluice.core.masking.GuardMode;
import dev.sluice.core.masking.Guards;
import dev.sluice.core.masking.HmacToken;
import dev.sluice.core.masking.MaskingPolicy;
import dev.sluice.core.masking.NullValue;
import dev.sluice.core.masking.Partial;
import dev.sluice.core.masking.Pseudonym;
import dev.sluice.core.masking.Redact;
import dev.sluice.core.masking.ValueKind;
import dev.sluice.core.masking.Year;
import dev.sluice.core.masking.Zip3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The masking: mapping of a policy entry, fed through the YAML reader as the gateway reads it. */
class MaskingSectionTest {

    /** A distinctive key: if it ever shows up in a message or toString, a test sees it. */
    private static final String KEY = "Zq9-distinctive-masking-key-0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("SLUICE_MASKING_KEY", KEY, "SHORT_KEY", "too-short");
    private static final Set<String> DETECTORS = Set.of("ssn", "phone", "email", "name", "mrn", "npi");
    private static final Path BASE = Path.of("/etc/sluice");

    /** What reading one policy entry gave: the policy and every problem as {@code line:col: path: message}. */
    private record Read(Optional<MaskingPolicy> policy, List<String> problems) {
        MaskingPolicy ok() {
            assertThat(problems).isEmpty();
            return policy.orElseThrow();
        }
    }

    private static Read read(String yaml) {
        return read(yaml, ENV, BASE, false, ConfigLoader.Credentials.RESOLVED);
    }

    private static Read read(String yaml, Map<String, String> env, Path baseDir, boolean allowInline,
                             ConfigLoader.Credentials credentials) {
        Problems problems = new Problems();
        YamlNode root = YamlTreeReader.read(yaml, problems).orElseThrow();
        MappingReader entry = MappingReader.of(root, "policies[0]", problems, List.of("name", "masking")).orElseThrow();
        ReadContext context = new ReadContext(problems, baseDir, new SecretReferences(env, baseDir), allowInline,
                List.of("postgresql"), credentials);
        Optional<MaskingPolicy> policy = MaskingSection.read(entry, context, DETECTORS);
        List<String> rendered = problems.all().stream()
                .map(p -> p.line() + ":" + p.column() + ": " + p.path() + ": " + p.message())
                .collect(Collectors.toList());
        return new Read(policy, rendered);
    }

    @Test
    void noMaskingKeyMeansNoMasking() {
        assertThat(read("name: p\n").ok()).isSameAs(MaskingPolicy.NONE);
    }

    @Test
    void theExampleFromTheIssueReads() {
        MaskingPolicy policy = read("""
                name: clinic
                masking:
                  preset: phi-strict
                  key: ${env:SLUICE_MASKING_KEY}
                  columns:
                    - {match: "*.patients.ssn", strategy: partial, keep_last: 4}
                    - {match: "*.patients.insurance", json_path: "$.member_id", strategy: hmac}
                  detectors: [ssn, phone, email]
                  on_unknown_lineage: deny
                  exempt_groups: [phi-readers]
                  guards: {inference: review}
                """).ok();

        assertThat(policy.preset()).contains("phi-strict");
        assertThat(policy.rules().getFirst()).isEqualTo(new ColumnRule("*.patients.ssn",
                policy.rules().getFirst().columns(), Optional.empty(), Partial.keepLast(4)));
        assertThat(policy.lookup("public", "patients", "insurance")).isInstanceOf(ColumnMasking.JsonPaths.class);
        assertThat(policy.lookup("public", "claims", "insurance")).as("the preset's rule still applies elsewhere")
                .isInstanceOf(ColumnMasking.Whole.class);
        assertThat(policy.rules().size()).isGreaterThan(50);
        assertThat(policy.detectors()).isEqualTo(DetectorSet.of(List.of("ssn", "phone", "email")));
        assertThat(policy.onUnknownLineage()).isEqualTo(MaskingPolicy.OnUnknownLineage.DENY);
        assertThat(policy.onUndecodable()).isEqualTo(MaskingPolicy.OnUndecodable.NULL);
        assertThat(policy.exemptGroups()).containsExactly("phi-readers");
        assertThat(policy.guards()).as("unwritten guards keep the preset's deny")
                .isEqualTo(new Guards(GuardMode.REVIEW, GuardMode.DENY, GuardMode.DENY));
    }

    @Test
    void everyStrategyWithItsOptions() {
        MaskingPolicy policy = read("""
                masking:
                  key: ${env:SLUICE_MASKING_KEY}
                  columns:
                    - {match: a, strategy: redact, marker: "[SSN]"}
                    - {match: b, strategy: partial, keep_first: 1, keep_last: 2, mask_char: "#", keep_separators: false}
                    - {match: c, strategy: hmac}
                    - {match: d, strategy: pseudonym}
                    - {match: e, strategy: pseudonym, names: full}
                    - {match: f, strategy: year}
                    - {match: g, strategy: year, age: true}
                    - {match: h, strategy: year, aggregate_over_89: true}
                    - {match: i, strategy: zip3}
                    - {match: j, strategy: zip3, sparse_prefixes: ["036", "941"]}
                    - {match: k, strategy: null}
                    - {match: l, strategy: "null"}
                """).ok();

        assertThat(policy.rules()).extracting(ColumnRule::strategy).containsExactly(
                new Redact("[SSN]"), new Partial(1, 2, '#', false),
                new HmacToken(dev.sluice.core.masking.MaskingKey.fromText(KEY)),
                new Pseudonym(dev.sluice.core.masking.MaskingKey.fromText(KEY), Pseudonym.Style.FORMAT),
                new Pseudonym(dev.sluice.core.masking.MaskingKey.fromText(KEY), Pseudonym.Style.FULL_NAME),
                Year.DATE, Year.AGE, Year.BIRTH_DATE, Zip3.SAFE_HARBOR, new Zip3(Set.of("036", "941")),
                NullValue.INSTANCE, NullValue.INSTANCE);
        assertThat(policy.guards()).isEqualTo(Guards.OFF);
        assertThat(policy.detectors()).isEqualTo(DetectorSet.ALL);
    }

    @Test
    void oneRuleMayMatchSeveralPatterns() {
        MaskingPolicy policy = read("""
                masking:
                  columns:
                    - match: ["*.*.ssn", "*.*.social_security*"]
                      strategy: redact
                """).ok();

        assertThat(policy.rules()).extracting(ColumnRule::label).containsExactly("*.*.ssn", "*.*.social_security*");
    }

    @Test
    void theKeyMasksDeterministicallyAndNeverPrints() {
        MaskingPolicy policy = read("""
                masking:
                  key: ${env:SLUICE_MASKING_KEY}
                  columns: [{match: "*.*.email", strategy: hmac}]
                """).ok();

        String token = ((ColumnMasking.Whole) policy.lookup("s", "t", "email")).strategy().mask("a@b.c", ValueKind.TEXT);
        assertThat(token).isEqualTo(new HmacToken(dev.sluice.core.masking.MaskingKey.fromText(KEY))
                .mask("a@b.c", ValueKind.TEXT));
        assertThat(policy.toString()).doesNotContain(KEY);
        assertThat(policy.rules().toString()).doesNotContain(KEY);
    }

    @Test
    void theKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("masking.key"), KEY + "\n");

        Read read = read("""
                masking:
                  key: ${file:masking.key}
                  columns: [{match: x, strategy: hmac}]
                """, Map.of(), dir, false, ConfigLoader.Credentials.RESOLVED);

        assertThat(read.ok().usesKey()).isTrue();
    }

    @Test
    void aLiteralKeyIsRefusedWithoutQuotingIt() {
        Read read = read("""
                masking:
                  key: %s
                  columns: [{match: x, strategy: hmac}]
                """.formatted(KEY));

        assertThat(read.problems()).containsExactly("2:8: policies[0].masking.key: " + Secrets.INLINE_KEY_REFUSED);
        assertThat(read.problems().toString()).doesNotContain(KEY);
    }

    @Test
    void aLiteralKeyIsAcceptedWhenInlineSecretsAreAllowed() {
        Read read = read("masking:\n  key: " + KEY + "\n  columns: [{match: x, strategy: hmac}]\n",
                ENV, BASE, true, ConfigLoader.Credentials.RESOLVED);

        assertThat(read.ok().usesKey()).isTrue();
    }

    @Test
    void aShortKeyIsRefusedWithoutSayingHowShort() {
        Read read = read("""
                masking:
                  key: ${env:SHORT_KEY}
                  columns: [{match: x, strategy: hmac}]
                """);

        assertThat(read.problems()).containsExactly("2:8: policies[0].masking.key: the masking key must be at least "
                + "32 bytes: use a random value such as the output of 'openssl rand -base64 32'");
        assertThat(read.problems().toString()).doesNotContain("too-short");
    }

    @Test
    void keyedStrategiesNeedAKey() {
        Read read = read("""
                masking:
                  preset: phi-strict
                  columns:
                    - {match: x, strategy: pseudonym}
                    - {match: y, strategy: redact}
                """);

        assertThat(read.policy()).isEmpty();
        assertThat(read.problems()).containsExactly("2:3: policies[0].masking.key: is required: preset phi-strict, "
                + "policies[0].masking.columns[0] (pseudonym) use keyed strategies (hmac, pseudonym); give a secret of "
                + "at least 32 bytes as ${env:NAME} or ${file:PATH}");
    }

    @Test
    void aMissingEnvironmentVariableNamesTheVariable() {
        Read read = read("""
                masking:
                  key: ${env:NOT_SET}
                """);

        assertThat(read.problems()).containsExactly("2:8: policies[0].masking.key: environment variable NOT_SET is not set");
    }

    @Test
    void theKeyIsLeftUnresolvedForCommandsThatNeverMask() {
        Read read = read("""
                masking:
                  key: ${env:NOT_SET}
                  columns: [{match: x, strategy: hmac}]
                """, Map.of(), BASE, false, ConfigLoader.Credentials.LEFT_UNRESOLVED);

        assertThat(read.ok().usesKey()).isTrue();
    }

    @Test
    void mistakesAreReportedWithTheirPositionAndEveryOneAtOnce() {
        Read read = read("""
                masking:
                  preset: phi-strikt
                  colums: []
                  columns:
                    - {match: "a..b", strategy: redact}
                    - {match: x, strategy: hash}
                    - {match: x, strategy: redact, keep_last: 4}
                    - {match: x, json_path: "$.a[?(@.b)]", strategy: redact}
                    - {match: x, strategy: partial, keep_last: 400}
                    - {match: x, strategy: pseudonym, names: middle, key: k}
                    - {strategy: redact}
                  detectors: [ssn, phnoe]
                  on_unknown_lineage: allow
                  on_undecodable: raw
                  guards: {inference: warn, copyout: deny}
                """);

        assertThat(read.policy()).isEmpty();
        assertThat(read.problems()).containsExactlyInAnyOrder(
                "2:11: policies[0].masking.preset: unknown masking preset 'phi-strikt' (supported: phi-strict)",
                "3:3: policies[0].masking.colums: unknown key (did you mean 'columns'?)",
                "5:15: policies[0].masking.columns[0].match: 'a..b' has an empty part: write schema.table.column, "
                        + "with * for any name",
                "6:28: policies[0].masking.columns[1].strategy: unknown masking strategy 'hash' "
                        + "(supported: redact, partial, hmac, pseudonym, year, zip3, null)",
                "7:47: policies[0].masking.columns[2].keep_last: applies only to strategy partial "
                        + "(this rule's strategy is redact)",
                "8:29: policies[0].masking.columns[3].json_path: JSON path '$.a[?(@.b)]', at character 5: expected "
                        + "[*], [n] or ['name'] (filters, slices, unions and negative indices are not supported)",
                "9:48: policies[0].masking.columns[4].keep_last: must be between 0 and 64",
                "10:54: policies[0].masking.columns[5].key: unknown key (expected one of: match, json_path, strategy, "
                        + "marker, keep_first, keep_last, mask_char, keep_separators, names, age, aggregate_over_89, "
                        + "sparse_prefixes)",
                "10:46: policies[0].masking.columns[5].names: unknown name style 'middle' (supported: first, last, full)",
                "11:7: policies[0].masking.columns[6].match: is required",
                "2:3: policies[0].masking.key: is required: policies[0].masking.columns[5] (pseudonym) use keyed "
                        + "strategies (hmac, pseudonym); give a secret of at least 32 bytes as ${env:NAME} or ${file:PATH}",
                "12:20: policies[0].masking.detectors[1]: unknown detector 'phnoe' (did you mean 'phone'?)",
                "13:23: policies[0].masking.on_unknown_lineage: unknown on_unknown_lineage value 'allow' "
                        + "(supported: redact, deny)",
                "14:19: policies[0].masking.on_undecodable: unknown on_undecodable value 'raw' (supported: null, deny)",
                "15:23: policies[0].masking.guards.inference: unknown guard mode 'warn' (supported: off, deny, review)",
                "15:29: policies[0].masking.guards.copyout: unknown key (did you mean 'copy_out'?)");
    }

    @Test
    void detectorsAllNoneOrAList() {
        assertThat(read("masking: {detectors: all}").ok().detectors()).isEqualTo(DetectorSet.ALL);
        assertThat(read("masking: {detectors: none}").ok().detectors()).isEqualTo(DetectorSet.NONE);
        assertThat(read("masking: {detectors: ssn}").ok().detectors()).isEqualTo(DetectorSet.of(List.of("ssn")));
        assertThat(read("masking: {detectors: [ssn, all]}").problems())
                .containsExactly("1:28: policies[0].masking.detectors[1]: 'all' stands alone (detectors: all), not in a list");
    }

    @Test
    void emptyMaskingSectionGivesTheFailClosedDefaults() {
        MaskingPolicy policy = read("masking:\n").ok();

        assertThat(policy.protectsAnything()).isFalse();
        assertThat(policy.detectors()).isEqualTo(DetectorSet.ALL);
        assertThat(policy.onUnknownLineage()).isEqualTo(MaskingPolicy.OnUnknownLineage.REDACT);
    }

    @Test
    void onUndecodableDenyAndYamlNull() {
        assertThat(read("masking: {on_undecodable: deny}").ok().onUndecodable())
                .isEqualTo(MaskingPolicy.OnUndecodable.DENY);
        assertThat(read("masking: {on_undecodable: null}").ok().onUndecodable())
                .isEqualTo(MaskingPolicy.OnUndecodable.NULL);
    }

    @Test
    void aReferenceOutsideTheKeyIsRefused() {
        assertThat(read("masking: {columns: [{match: x, strategy: redact, marker: \"${env:SLUICE_MASKING_KEY}\"}]}")
                .problems()).hasSize(1).first().asString().contains("references are only resolved in")
                .doesNotContain(KEY);
    }
}
