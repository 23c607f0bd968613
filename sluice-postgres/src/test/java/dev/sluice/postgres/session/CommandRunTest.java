package dev.sluice.postgres.session;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.backend.CommandComplete;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRunTest {

    private final CommandRun run = new CommandRun("c1", MaskPlan.NONE, "allow", 0);

    @Test
    void returnedRowsAreNotCountedTwiceByTheSelectTag() {
        run.row();
        run.row();
        run.statementComplete(new CommandComplete("SELECT 2"));
        assertThat(run.rows()).isEqualTo(2);
    }

    @Test
    void affectedRowsComeFromTheTag() {
        run.statementComplete(new CommandComplete("INSERT 0 5"));
        run.statementComplete(new CommandComplete("UPDATE 3"));
        assertThat(run.rows()).isEqualTo(8);
    }

    @Test
    void returningRowsCountOnce() {
        for (int i = 0; i < 4; i++) {
            run.row();
        }
        run.statementComplete(new CommandComplete("DELETE 4"));
        run.statementComplete(new CommandComplete("COPY 10"));
        assertThat(run.rows()).isEqualTo(14);
    }

    @Test
    void theFirstErrorIsKept() {
        run.failed("22012");
        run.failed("25P02");
        assertThat(run.errorSqlState()).isEqualTo("22012");
        assertThat(run.hasFailed()).isTrue();
    }
}
