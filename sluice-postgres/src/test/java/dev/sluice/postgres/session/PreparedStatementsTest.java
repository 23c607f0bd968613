package dev.sluice.postgres.session;

import dev.sluice.core.policy.MaskPlan;
import dev.sluice.postgres.codec.frontend.Close;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreparedStatementsTest {

    private static final PreparedStatements.Prepared FIRST = new PreparedStatements.Prepared("c1", MaskPlan.NONE,
            "allow");
    private static final PreparedStatements.Prepared SECOND = new PreparedStatements.Prepared("c2", MaskPlan.NONE,
            "allow");

    private final PreparedStatements prepared = new PreparedStatements();

    @Test
    void portalRunsTheStatementItWasBoundFrom() {
        prepared.parsed("S_1", FIRST);
        prepared.bound("", "S_1");
        assertThat(prepared.portal("")).contains(FIRST);
    }

    @Test
    void rebindingTheUnnamedPortalReplacesIt() {
        prepared.parsed("S_1", FIRST);
        prepared.parsed("S_2", SECOND);
        prepared.bound("", "S_1");
        prepared.bound("", "S_2");
        assertThat(prepared.portal("")).contains(SECOND);
    }

    @Test
    void portalKeepsItsCommandWhenTheUnnamedStatementIsReparsed() {
        prepared.parsed("", FIRST);
        prepared.bound("C_1", "");
        prepared.parsed("", SECOND);
        assertThat(prepared.portal("C_1")).contains(FIRST);
    }

    @Test
    void closingAStatementClosesItsPortals() {
        prepared.parsed("S_1", FIRST);
        prepared.bound("C_1", "S_1");
        prepared.closed(new Close(Close.Target.STATEMENT, "S_1"));
        assertThat(prepared.statement("S_1")).isEmpty();
        assertThat(prepared.portal("C_1")).isEmpty();
    }

    @Test
    void closingAPortalKeepsItsStatement() {
        prepared.parsed("S_1", FIRST);
        prepared.bound("C_1", "S_1");
        prepared.closed(new Close(Close.Target.PORTAL, "C_1"));
        assertThat(prepared.portal("C_1")).isEmpty();
        assertThat(prepared.statement("S_1")).contains(FIRST);
    }

    @Test
    void refusedParseDropsTheUnnamedStatementButKeepsANamedOne() {
        prepared.parsed("", FIRST);
        prepared.parsed("S_1", SECOND);
        prepared.parseRefused("");
        prepared.parseRefused("S_1");
        assertThat(prepared.statement("")).isEmpty();
        assertThat(prepared.statement("S_1")).contains(SECOND);
    }

    @Test
    void bindingAnUnknownStatementLeavesTheExecuteUnattributed() {
        prepared.bound("", "made_by_sql_prepare");
        assertThat(prepared.portal("")).isEmpty();
    }
}
