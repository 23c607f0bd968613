package dev.sluice.core.masking;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.sluice.core.masking.TestKeys.KEY;
import static dev.sluice.core.masking.TestKeys.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HMAC tokens and pseudonyms: deterministic under one key, different under another, never the raw value. */
class KeyedStrategiesTest {

    private final HmacToken token = new HmacToken(KEY);

    @Test
    void tokenIsDeterministicAndShaped() {
        String first = token.mask("123-45-6789", ValueKind.TEXT);

        assertThat(first).matches("tok_[a-z2-7]{16}");
        assertThat(token.mask("123-45-6789", ValueKind.TEXT)).isEqualTo(first);
        assertThat(new HmacToken(MaskingKey.fromText("test-key-0123456789-abcdefghijklmnopqrstuvwxyz"))
                .mask("123-45-6789", ValueKind.TEXT)).as("same key, new instance: joinable").isEqualTo(first);
    }

    @Test
    void tokenDependsOnTheKeyAndTheValue() {
        assertThat(new HmacToken(OTHER_KEY).mask("123-45-6789", ValueKind.TEXT))
                .isNotEqualTo(token.mask("123-45-6789", ValueKind.TEXT));
        assertThat(token.mask("123-45-6780", ValueKind.TEXT)).isNotEqualTo(token.mask("123-45-6789", ValueKind.TEXT));
    }

    @Test
    void tokenIsNotAnUnkeyedHashOfTheValue() throws Exception {
        byte[] plain = java.security.MessageDigest.getInstance("SHA-256")
                .digest("123-45-6789".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String unkeyed = java.util.HexFormat.of().formatHex(plain);

        assertThat(unkeyed).doesNotContain(token.mask("123-45-6789", ValueKind.TEXT).substring(4));
    }

    @Test
    void tokensOfManyValuesDoNotCollide() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            tokens.add(token.mask(String.format("%09d", i), ValueKind.TEXT));
        }
        assertThat(tokens).hasSize(20_000);
    }

    @Test
    void tokensComputedConcurrentlyAreTheSameAsOneByOne() {
        List<String> values = IntStream.range(0, 2_000).mapToObj(i -> "value-" + i).toList();
        List<String> sequential = values.stream().map(v -> token.mask(v, ValueKind.TEXT)).toList();

        List<String> parallel = values.parallelStream().map(v -> token.mask(v, ValueKind.TEXT)).toList();

        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void tokenOfAJsonDocumentIsAJsonString() {
        assertThat(token.mask("{\"a\":1}", ValueKind.JSON)).matches("\"tok_[a-z2-7]{16}\"");
    }

    @Test
    void keyShorterThan32BytesIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> MaskingKey.fromText("short-secret-key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short-secret-key");
        assertThat(MaskingKey.fromText("x".repeat(32))).isNotNull();
    }

    @Test
    void keyNeverPrints() {
        assertThat(KEY.toString()).doesNotContain("test-key");
        assertThat(token.toString()).doesNotContain("test-key");
        assertThat(new Pseudonym(KEY, Pseudonym.Style.FORMAT).toString()).doesNotContain("test-key");
    }

    @Test
    void unresolvedKeyCannotBeUsed() {
        HmacToken unresolved = new HmacToken(MaskingKey.unresolved());
        assertThatThrownBy(() -> unresolved.mask("x", ValueKind.TEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pseudonymKeepsTheFormat() {
        Pseudonym pseudonym = Pseudonym.format(KEY);

        String masked = pseudonym.mask("MRN-004512-Ab", ValueKind.TEXT);

        assertThat(masked).matches("[A-Z]{3}-[0-9]{6}-[A-Z][a-z]").isNotEqualTo("MRN-004512-Ab");
        assertThat(pseudonym.mask("MRN-004512-Ab", ValueKind.TEXT)).isEqualTo(masked);
        assertThat(Pseudonym.format(OTHER_KEY).mask("MRN-004512-Ab", ValueKind.TEXT)).isNotEqualTo(masked);
    }

    @Test
    void pseudonymOfTwoValuesWithACommonPrefixSharesNoPrefix() {
        Pseudonym pseudonym = Pseudonym.format(KEY);
        String a = pseudonym.mask("4111111111111111", ValueKind.TEXT);
        String b = pseudonym.mask("4111111111111112", ValueKind.TEXT);

        assertThat(a.substring(0, 8)).isNotEqualTo(b.substring(0, 8));
    }

    @Test
    void pseudonymOfANumberStaysANumberOfTheSameLength() {
        Pseudonym pseudonym = Pseudonym.format(KEY);
        for (String number : new String[] {"123456", "-9876.25", "7", "1.5e10"}) {
            String masked = pseudonym.mask(number, ValueKind.NUMERIC);
            assertThat(masked).hasSameSizeAs(number);
            assertThat(new java.math.BigDecimal(masked).precision()).as(masked)
                    .isEqualTo(new java.math.BigDecimal(number).precision());
        }
        assertThat(pseudonym.fits(ValueKind.INTEGER)).isTrue();
    }

    @Test
    void pseudonymOfADateIsMaskedInFull() {
        Pseudonym pseudonym = Pseudonym.format(KEY);
        assertThat(pseudonym.fits(ValueKind.DATE)).isFalse();
        assertThat(pseudonym.mask("1980-05-17", ValueKind.DATE)).isEqualTo("***");
    }

    @Test
    void namePseudonymPicksAStandInNameAndKeepsCapitalisation() {
        Pseudonym first = new Pseudonym(KEY, Pseudonym.Style.FIRST_NAME);
        Pseudonym last = new Pseudonym(KEY, Pseudonym.Style.LAST_NAME);

        assertThat(FakeNames.FIRST).contains(first.mask("John", ValueKind.TEXT));
        assertThat(FakeNames.LAST).contains(last.mask("Smith", ValueKind.TEXT));
        assertThat(first.mask("JOHN", ValueKind.TEXT)).isEqualTo(first.mask("John", ValueKind.TEXT).toUpperCase());
        assertThat(first.mask("john", ValueKind.TEXT)).isEqualTo(first.mask("John", ValueKind.TEXT).toLowerCase());
    }

    @Test
    void fullNameTakesFirstNamesThenALastNameAndKeepsTitles() {
        Pseudonym full = new Pseudonym(KEY, Pseudonym.Style.FULL_NAME);
        Pseudonym first = new Pseudonym(KEY, Pseudonym.Style.FIRST_NAME);
        Pseudonym last = new Pseudonym(KEY, Pseudonym.Style.LAST_NAME);

        String masked = full.mask("Dr. John Q. Smith", ValueKind.TEXT);

        String[] words = masked.split(" ");
        assertThat(words).hasSize(4);
        assertThat(words[0]).isEqualTo("Dr.");
        assertThat(words[1]).as("same stand-in as in a first-name column").isEqualTo(first.mask("John", ValueKind.TEXT));
        assertThat(words[2]).matches("[A-Z]\\.");
        assertThat(words[3]).isEqualTo(last.mask("Smith", ValueKind.TEXT));
        assertThat(full.mask("Smith, John", ValueKind.TEXT))
                .isEqualTo(last.mask("Smith", ValueKind.TEXT) + ", " + first.mask("John", ValueKind.TEXT));
    }

    @Test
    void namePseudonymDependsOnTheKey() {
        Set<String> underKey = new HashSet<>();
        Set<String> underOther = new HashSet<>();
        for (String name : new String[] {"John", "Mary", "Ahmed", "Li", "Olga", "Pedro", "Grace", "Kwame"}) {
            underKey.add(name + "=" + new Pseudonym(KEY, Pseudonym.Style.FIRST_NAME).mask(name, ValueKind.TEXT));
            underOther.add(name + "=" + new Pseudonym(OTHER_KEY, Pseudonym.Style.FIRST_NAME).mask(name, ValueKind.TEXT));
        }
        assertThat(underKey).isNotEqualTo(underOther);
    }
}
