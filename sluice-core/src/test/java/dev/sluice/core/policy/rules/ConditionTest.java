package dev.sluice.core.policy.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Compiling rule conditions: CEL's errors with their position, and which conditions read the statement. */
class ConditionTest {

    @Test
    void aSyntaxErrorNamesItsPosition() {
        InvalidCondition e = catchThrowableOfType(InvalidCondition.class,
                () -> Condition.compile("statement.kind =="));
        assertThat(e.issues()).first().satisfies(issue -> {
            assertThat(issue.line()).isEqualTo(1);
            assertThat(issue.column()).isEqualTo(18);
            assertThat(issue.message()).contains("mismatched input '<EOF>'");
        });
        assertThat(e.getMessage()).contains("(at column 18 of the expression)");
    }

    @Test
    void aTypeErrorIsReportedWithCelsMessage() {
        assertThatThrownBy(() -> Condition.compile("statement.kind == 1"))
                .isInstanceOf(InvalidCondition.class)
                .hasMessageContaining("found no matching overload for '_==_' applied to '(string, int)'")
                .hasMessageContaining("column 16");
        assertThatThrownBy(() -> Condition.compile("statement.kind"))
                .isInstanceOf(InvalidCondition.class)
                .hasMessageContaining("expected type 'bool' but found 'string'");
    }

    @Test
    void aMisspeltFieldIsNamedWithTheFieldsThatExist() {
        InvalidCondition e = catchThrowableOfType(InvalidCondition.class,
                () -> Condition.compile("'dba' in identity.groups && statement.kidn == 'DROP'"));
        assertThat(e.issues()).singleElement().satisfies(issue -> {
            assertThat(issue.column()).isEqualTo(29);
            assertThat(issue.message()).startsWith("'statement' has no field 'kidn' (its fields: kind, tables_read,");
        });
        assertThatThrownBy(() -> Condition.compile("statement == null"))
                .hasMessageContaining("'statement' is not a value by itself: use one of its fields (statement.kind");
        assertThatThrownBy(() -> Condition.compile("user == 'bob'"))
                .hasMessageContaining("undeclared reference to 'user'");
    }

    @Test
    void anEmptyConditionIsRefused() {
        assertThatThrownBy(() -> Condition.compile("  ")).hasMessageContaining("the expression is empty");
    }

    @Test
    void readsStatementComesFromTheCheckedTreeNotTheText() {
        assertThat(compile("statement.kind == 'DROP'").readsStatement()).isTrue();
        assertThat(compile("command.statement_count > 1 || statement.traits.exists(t, t == 'GRANT')")
                .readsStatement()).isTrue();
        assertThat(compile("identity.user == 'statement.kind' && time.hour > 3").readsStatement()).isFalse();
        assertThat(compile("command.text.contains('DROP')").readsStatement()).isFalse();
        assertThat(Condition.ALWAYS.readsStatement()).isFalse();
    }

    @Test
    void macrosAndExtensionsAreAvailable() {
        compile("statement.functions.exists(f, f.startsWith('pg_')) && statement.tables.all(t, t != 'x')");
        compile("statement.tables.filter(t, t.contains('.')).size() > 1 || command.kinds.map(k, k) == []");
        compile("sets.contains(identity.groups, ['dba']) && statement.text.lowerAscii().contains('limit')");
        compile("now - duration('1h') < now && time.weekday in ['SATURDAY', 'SUNDAY']");
    }

    private static Condition compile(String source) {
        try {
            return Condition.compile(source);
        } catch (InvalidCondition e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
