package dev.sluice.postgres.session;

import dev.sluice.core.policy.Decision;
import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.session.PgDecisions.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PgDecisionsTest {

    @Test
    void allowForwardsWithItsMaskPlan() {
        assertThat(PgDecisions.render(Decision.allow())).isEqualTo(new Verdict.Forward(MaskPlan.NONE, "allow"));
    }

    @Test
    void denyIsAnInsufficientPrivilegeErrorNamingRuleAndReason() {
        Verdict verdict = PgDecisions.render(new Decision.Deny("phi-strict", "DROP TABLE is not allowed on clinic"));
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refuse.class, refuse -> {
            assertThat(refuse.error().severity()).isEqualTo("ERROR");
            assertThat(refuse.error().sqlState()).isEqualTo("42501");
            assertThat(refuse.error().message())
                    .isEqualTo("SLUICE-DENY: DROP TABLE is not allowed on clinic (rule phi-strict)");
            assertThat(refuse.outcome()).isEqualTo("deny");
        });
    }

    @Test
    void reviewThatCannotBeHeldFailsClosed() {
        Verdict verdict = PgDecisions.render(new Decision.Review("big-delete", List.of("dba", "security")));
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Refuse.class, refuse -> {
            assertThat(refuse.error().sqlState()).isEqualTo("42501");
            assertThat(refuse.error().message()).isEqualTo("SLUICE-REVIEW: not approved: a statement that needs "
                    + "approval cannot be held before the session is ready; send it once connected (rule big-delete)");
            assertThat(refuse.outcome()).isEqualTo("review");
        });
    }

    @Test
    void allowThatMasksIsForwardedWithItsPlan() {
        MaskPlan plan = new MaskPlan(true);
        Verdict verdict = PgDecisions.render(new Decision.Allow(plan));
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Forward.class,
                forward -> assertThat(forward.maskPlan()).isSameAs(plan));
    }
}
