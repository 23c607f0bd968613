package dev.sluice.postgres.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Md5PasswordHashTest {

    @Test
    void answerIsMd5OfStoredHashAndSalt() {
        // md5("s3cret" + "app") = f543b608e355623527b0e4f12e5981e8; then md5 of that hex + salt 01 02 03 04
        assertThat(Md5PasswordHash.answer("app", "s3cret", new byte[] {1, 2, 3, 4}))
                .isEqualTo("md51460f94130eb931937bbd6439ee8ab57");
    }

    @Test
    void differentSaltGivesADifferentAnswer() {
        assertThat(Md5PasswordHash.answer("app", "s3cret", new byte[] {1, 2, 3, 5}))
                .isNotEqualTo("md51460f94130eb931937bbd6439ee8ab57")
                .startsWith("md5")
                .hasSize(35);
    }
}
