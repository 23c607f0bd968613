package dev.sluice.postgres.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4013 examples plus PostgreSQL's "use it as is" fallback. */
class SaslPrepTest {

    @Test
    void asciiPasswordsAreUnchangedEvenWithControlCharacters() {
        assertThat(SaslPrep.prepare("pencil")).isEqualTo("pencil");
        assertThat(SaslPrep.prepare("a\u0007b")).isEqualTo("a\u0007b");
    }

    @Test
    void softHyphenIsMappedToNothing() {
        assertThat(SaslPrep.prepare("I\u00ADX\u00e9")).isEqualTo("IX\u00e9");
    }

    @Test
    void nonAsciiSpacesBecomeSpaces() {
        assertThat(SaslPrep.prepare("pass\u00A0w\u00f6rd")).isEqualTo("pass w\u00f6rd");
    }

    @Test
    void compatibilityCharactersAreNfkcNormalised() {
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("\uFB01le")).isEqualTo("file");
    }

    @Test
    void prohibitedOutputFallsBackToTheRawPassword() {
        String withPrivateUse = "\u00e9\uE000";
        assertThat(SaslPrep.prepare(withPrivateUse)).isEqualTo(withPrivateUse);
    }

    @Test
    void mixedBidiFallsBackToTheRawPassword() {
        String rightToLeftThenLatin = "\u05D0a\u05D1";
        assertThat(SaslPrep.prepare(rightToLeftThenLatin)).isEqualTo(rightToLeftThenLatin);
    }

    @Test
    void passwordThatMapsToNothingFallsBackToTheRawPassword() {
        assertThat(SaslPrep.prepare("\u00AD")).isEqualTo("\u00AD");
    }
}
