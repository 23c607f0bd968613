package dev.sluice.core.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.sluice.core.masking.TestKeys.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON paths: the supported subset parses, the rest is refused, and masking changes only the named places. */
class JsonPathRulesTest {

    private static String mask(String json, ColumnRule... rules) throws UndecodableValueException {
        return new ColumnMasking.JsonPaths(List.of(rules)).mask(json);
    }

    @Test
    void memberPathMasksOnlyThatMember() throws Exception {
        String json = "{\"insurance\":{\"member_id\":\"XJ-99812\",\"payer\":\"Acme\"},\"n\":1}";

        assertThat(mask(json, ColumnRule.inJson("*.patients.doc", "$.insurance.member_id", Redact.DEFAULT)))
                .isEqualTo("{\"insurance\":{\"member_id\":\"***\",\"payer\":\"Acme\"},\"n\":1}");
    }

    @Test
    void wildcardMasksEveryElement() throws Exception {
        String json = "{\"contacts\":[{\"phone\":\"617-555-0101\",\"kind\":\"home\"},{\"phone\":\"617-555-0102\"}]}";

        assertThat(mask(json, ColumnRule.inJson("*.*.doc", "$.contacts[*].phone", Partial.keepLast(4))))
                .isEqualTo("{\"contacts\":[{\"phone\":\"***-***-0101\",\"kind\":\"home\"},{\"phone\":\"***-***-0102\"}]}");
        assertThat(mask("{\"a\":{\"x\":\"1\",\"y\":\"2\"}}", ColumnRule.inJson("*.*.doc", "$.a.*", Redact.DEFAULT)))
                .isEqualTo("{\"a\":{\"x\":\"***\",\"y\":\"***\"}}");
    }

    @Test
    void indexAndBracketedNames() throws Exception {
        String json = "{\"odd key\":[\"a\",\"b\"]}";

        assertThat(mask(json, ColumnRule.inJson("*.*.doc", "$['odd key'][1]", Redact.DEFAULT)))
                .isEqualTo("{\"odd key\":[\"a\",\"***\"]}");
        assertThat(mask(json, ColumnRule.inJson("*.*.doc", "$[\"odd key\"][5]", Redact.DEFAULT)))
                .as("a place that does not exist changes nothing").isEqualTo(json);
    }

    @Test
    void descendantMasksTheMemberAtAnyDepth() throws Exception {
        String json = "{\"ssn\":\"1\",\"family\":[{\"ssn\":\"2\",\"kids\":[{\"ssn\":\"3\"}]}],\"other\":\"x\"}";

        assertThat(mask(json, ColumnRule.inJson("*.*.doc", "$..ssn", Redact.DEFAULT)))
                .isEqualTo("{\"ssn\":\"***\",\"family\":[{\"ssn\":\"***\",\"kids\":[{\"ssn\":\"***\"}]}],\"other\":\"x\"}");
    }

    @Test
    void numbersStayNumbersWhereTheStrategyFitsAndObjectsAreReplacedWhole() throws Exception {
        String json = "{\"zip\":2134,\"age\":97,\"mrn\":123456,\"plan\":{\"id\":\"A1\"},\"gone\":[1,2]}";

        String masked = mask(json,
                ColumnRule.inJson("*.*.doc", "$.zip", Zip3.SAFE_HARBOR),
                ColumnRule.inJson("*.*.doc", "$.age", Year.AGE),
                ColumnRule.inJson("*.*.doc", "$.mrn", Partial.keepLast(2)),
                ColumnRule.inJson("*.*.doc", "$.plan", new HmacToken(KEY)),
                ColumnRule.inJson("*.*.doc", "$.gone", NullValue.INSTANCE));

        assertThat(masked).matches("\\{\"zip\":2100,\"age\":90,\"mrn\":\"\\*\\*\\*\\*56\","
                + "\"plan\":\"tok_[a-z2-7]{16}\",\"gone\":null}");
    }

    @Test
    void aPlaceMaskedByAnEarlierRuleIsNotMaskedAgain() throws Exception {
        String masked = mask("{\"a\":\"secret\"}",
                ColumnRule.inJson("*.*.doc", "$.a", new Redact("[A]")),
                ColumnRule.inJson("*.*.doc", "$.*", new HmacToken(KEY)));

        assertThat(masked).isEqualTo("{\"a\":\"[A]\"}");
    }

    @Test
    void bigAndPreciseNumbersOutsideTheRulesAreKeptExactly() throws Exception {
        String json = "{\"a\":\"x\",\"big\":123456789012345678901234567890,\"dec\":0.1000000000000000055511151231257827}";

        assertThat(mask(json, ColumnRule.inJson("*.*.doc", "$.a", Redact.DEFAULT)))
                .isEqualTo("{\"a\":\"***\",\"big\":123456789012345678901234567890,\"dec\":0.1000000000000000055511151231257827}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"a\":", "{} {}", "", "{\"a\":\"123-45-6789\""})
    void aValueThatIsNotJsonIsUndecodableAndTheMessageQuotesNothing(String value) {
        assertThatThrownBy(() -> mask(value, ColumnRule.inJson("*.*.doc", "$.a", Redact.DEFAULT)))
                .isInstanceOf(UndecodableValueException.class)
                .hasMessage("the value is not a JSON document");
    }

    @Test
    void deeplyNestedJsonIsUndecodableNotACrash() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThatThrownBy(() -> mask(deep, ColumnRule.inJson("*.*.doc", "$.a", Redact.DEFAULT)))
                .isInstanceOf(UndecodableValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a[?(@.x)]", "$.a[0:2]", "$.a['x','y']", "$.a[-1]", "$..*", "a.b", "$.", "$[", "$.a b",
            "$['unclosed"})
    void unsupportedPathsAreRefusedWithAReason(String path) {
        assertThatThrownBy(() -> JsonPath.parse(path)).isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank();
    }

    @Test
    void supportedPathsParse() {
        for (String path : new String[] {"$", "$.insurance.member_id", "$.contacts[*].phone", "$..ssn", "$['a b'][3]",
                "$.a.*", "$[\"x\\\"y\"]"}) {
            assertThat(JsonPath.parse(path).toString()).isEqualTo(path);
        }
    }
}
