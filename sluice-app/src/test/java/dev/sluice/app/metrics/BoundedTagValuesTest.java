package dev.sluice.app.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedTagValuesTest {

    @Test
    void codesAreKeptLowerCased() {
        BoundedTagValues values = new BoundedTagValues(4);

        assertThat(values.admit("bad-credential")).isEqualTo("bad-credential");
        assertThat(values.admit("SSL")).isEqualTo("ssl");
        assertThat(values.admit("ssl")).isEqualTo("ssl");
    }

    @Test
    void valuesThatAreNotCodesBecomeOther() {
        BoundedTagValues values = new BoundedTagValues(4);

        assertThat(values.admit("has space")).isEqualTo("other");
        assertThat(values.admit("alice@clinic.example")).isEqualTo("other");
        assertThat(values.admit("")).isEqualTo("other");
        assertThat(values.admit(null)).isEqualTo("other");
        assertThat(values.admit("x".repeat(49))).isEqualTo("other");
    }

    @Test
    void valuesBeyondTheLimitBecomeOtherWhileAdmittedOnesStay() {
        BoundedTagValues values = new BoundedTagValues(2);

        assertThat(values.admit("a")).isEqualTo("a");
        assertThat(values.admit("b")).isEqualTo("b");
        assertThat(values.admit("c")).isEqualTo("other");
        assertThat(values.admit("a")).isEqualTo("a");
    }
}
