package dev.sluice.core.policy.rules;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.runtime.Program;

import java.util.List;
import java.util.Objects;

/**
 * A rule's compiled {@code when}: a CEL expression over the {@link RuleVariable}s that yields a bool. Compiled
 * once (at startup, with the configuration), evaluated for every statement. Immutable and thread-safe.
 */
public final class Condition {

    /** The condition of a rule without {@code when}: it always holds and reads nothing. */
    public static final Condition ALWAYS = new Condition("", null, false);

    private final String source;
    private final Program program;
    private final boolean readsStatement;

    private Condition(String source, Program program, boolean readsStatement) {
        this.source = source;
        this.program = program;
        this.readsStatement = readsStatement;
    }

    /**
     * Compiles a condition.
     *
     * @throws InvalidCondition with CEL's messages when it does not parse or type-check
     */
    public static Condition compile(String source) throws InvalidCondition {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new InvalidCondition(List.of(new InvalidCondition.Issue(1, 1,
                    "the expression is empty (leave 'when' out for a rule that always applies)")));
        }
        CelAbstractSyntaxTree ast = RuleLanguage.compile(source);
        Program program;
        try {
            program = RuleLanguage.CEL.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new InvalidCondition(List.of(new InvalidCondition.Issue(1, 1,
                    "the expression cannot be evaluated: " + e.getMessage())));
        }
        return new Condition(source, program, readsStatement(ast));
    }

    /** The expression as written; empty for {@link #ALWAYS}. */
    public String source() {
        return source;
    }

    /**
     * Whether the condition uses any {@code statement.} field, found from the checked syntax tree's references
     * (not from the text, where a string literal could mention one). A statement the gateway could not analyse
     * makes such a condition unanswerable.
     */
    public boolean readsStatement() {
        return readsStatement;
    }

    /** Evaluates the condition against one statement's facts. */
    boolean test(CelVariableResolver facts) throws CelEvaluationException {
        if (program == null) {
            return true;
        }
        return Boolean.TRUE.equals(program.eval(facts));
    }

    private static boolean readsStatement(CelAbstractSyntaxTree ast) {
        for (CelReference reference : ast.getReferenceMap().values()) {
            RuleVariable variable = RuleVariable.named(reference.name());
            if (variable != null && variable.perStatement()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return program == null ? "always" : source;
    }
}
