package dev.sluice.app.config;

import dev.sluice.core.connection.JitAccess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JitAccessConfigTest {

    @Test
    void jitSectionIsReadWithItsDefaults() throws ConfigException {
        GatewayConfig config = TestConfigs.load(TestConfigs.MINIMAL.replace("      groups: [dev]\n",
                "      groups: [dev]\n      jit:\n        approvers: [oncall-leads]\n"));
        JitAccess jit = config.connection("clinic").orElseThrow().access().jit().orElseThrow();
        assertThat(jit.approverGroups()).containsExactly("oncall-leads");
        assertThat(jit.requesterGroups()).isEmpty();
        assertThat(jit.minApprovals()).isEqualTo(1);
        assertThat(jit.maxWindow()).isEqualTo(Duration.ofHours(8));
        assertThat(jit.onExpiry()).isEqualTo(JitAccess.OnExpiry.END);
    }

    @Test
    void aConnectionOnlyReachableThroughGrantsIsValid() throws ConfigException {
        GatewayConfig config = TestConfigs.load(TestConfigs.MINIMAL.replace("      groups: [dev]\n",
                "      jit: {requesters: [contractors], min_approvals: 2, max_window: 30m, on_expiry: continue}\n"));
        JitAccess jit = config.connection("clinic").orElseThrow().access().jit().orElseThrow();
        assertThat(config.connection("clinic").orElseThrow().access().groups()).isEmpty();
        assertThat(jit.requesterGroups()).isEqualTo(List.of("contractors"));
        assertThat(jit.minApprovals()).isEqualTo(2);
        assertThat(jit.maxWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(jit.onExpiry()).isEqualTo(JitAccess.OnExpiry.CONTINUE);
    }

    @Test
    void badJitValuesAreReportedWithTheirKeyAndLine() {
        String problems = TestConfigs.problems(TestConfigs.MINIMAL.replace("      groups: [dev]\n",
                "      groups: [dev]\n      jit:\n        on_expiry: later\n        max_window: 90d\n        wat: 1\n"));
        assertThat(problems)
                .contains("sluice.yaml:20:20: connections[0].access.jit.on_expiry:")
                .contains("connections[0].access.jit.max_window:")
                .contains("connections[0].access.jit.wat:");
    }
}
