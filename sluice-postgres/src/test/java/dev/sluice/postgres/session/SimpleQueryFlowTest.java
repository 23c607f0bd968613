package dev.sluice.postgres.session;

import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.postgres.codec.frontend.FunctionCall;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimpleQueryFlowTest {

    @Test
    void fastpathCallIsAnOpaqueCommandNamingTheFunctionAndItsArgumentCount() {
        byte[] secret = "123-45-6789".getBytes(StandardCharsets.UTF_8);
        SqlCommand command = SimpleQueryFlow.command(new FunctionCall(955, List.of(1), List.of(new byte[4], secret),
                1));
        assertThat(command.kinds()).containsExactly(SqlStatement.FUNCTION_CALL);
        assertThat(command.auditText()).isEqualTo("fastpath call of function oid 955 (2 arguments)");
        assertThat(command.text()).doesNotContain("123-45");
        assertThat(command.parameterTypes()).containsExactly("0", "0");
        assertThat(command.tables()).isEmpty();
        assertThat(command.fullyParsed()).as("nothing to parse: fail closed where analysis matters").isFalse();
    }

    @Test
    void oneArgumentIsSingular() {
        assertThat(SimpleQueryFlow.command(new FunctionCall(952, List.of(), List.of(new byte[4]), 0)).auditText())
                .isEqualTo("fastpath call of function oid 952 (1 argument)");
    }
}
