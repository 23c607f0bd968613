package dev.sluice.core.policy.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The CEL environment of rule conditions: the {@link RuleVariable}s, CEL's standard functions and macros
 * ({@code exists}, {@code all}, {@code filter}…), and the {@code strings}, {@code sets} and {@code bindings}
 * extensions ({@code lowerAscii()}, {@code sets.intersects(a, b)}, {@code cel.bind(x, value, expression)}). A
 * condition must be a bool. Programs run on cel-java's planner runtime, which evaluates a typical condition in
 * well under a microsecond. One environment for the process, immutable and thread-safe.
 */
final class RuleLanguage {

    /** A cap on the size of one condition, far above any sensible rule. */
    private static final int MAX_EXPRESSION_LENGTH = 10_000;

    /** The planner runtime (the faster of cel-java's two) requires heterogeneous numeric comparisons. */
    private static final CelOptions OPTIONS = CelOptions.current()
            .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
            .enableHeterogeneousNumericComparisons(true)
            .build();

    static final Cel CEL = build();

    /** The roots of the qualified names ({@code statement}, {@code identity}…). */
    private static final Set<String> ROOTS = Arrays.stream(RuleVariable.values())
            .filter(v -> !v.field().isEmpty()).map(RuleVariable::root)
            .collect(Collectors.toCollection(TreeSet::new));

    private RuleLanguage() {
    }

    private static Cel build() {
        var builder = CelFactory.plannerCelBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.bindings())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS))
                .setResultType(SimpleType.BOOL);
        for (RuleVariable variable : RuleVariable.values()) {
            builder.addVar(variable.celName(), variable.type());
        }
        return builder.build();
    }

    /** Parses and type-checks {@code source}. */
    static CelAbstractSyntaxTree compile(String source) throws InvalidCondition {
        CelValidationResult result;
        try {
            result = CEL.compile(source);
        } catch (RuntimeException e) {
            // The compiler reports bad input as issues; anything thrown is a bug in it, reported the same way.
            throw new InvalidCondition(List.of(new InvalidCondition.Issue(1, 1,
                    "the expression could not be compiled (" + e.getClass().getSimpleName() + ")")));
        }
        if (!result.hasError()) {
            try {
                return result.getAst();
            } catch (CelValidationException e) {
                throw new InvalidCondition(issues(e.getErrors()));
            }
        }
        List<InvalidCondition.Issue> fieldIssues = unknownFields(source);
        throw new InvalidCondition(fieldIssues.isEmpty() ? issues(result.getErrors()) : fieldIssues);
    }

    private static List<InvalidCondition.Issue> issues(List<CelIssue> issues) {
        List<InvalidCondition.Issue> converted = new ArrayList<>();
        for (CelIssue issue : issues) {
            CelSourceLocation at = issue.getSourceLocation();
            // CEL adds " (in container '')" to unknown names; without containers that says nothing.
            converted.add(new InvalidCondition.Issue(Math.max(at.getLine(), 1), Math.max(at.getColumn(), 0) + 1,
                    issue.getMessage().replace(" (in container '')", "")));
        }
        if (converted.isEmpty()) {
            converted.add(new InvalidCondition.Issue(1, 1, "the expression is not valid"));
        }
        return converted;
    }

    /**
     * CEL reports {@code statement.kidn} as an undeclared reference to {@code statement}, which hides the real
     * mistake; this names the field and lists the ones that exist. Empty when the expression does not parse or
     * has no such field.
     */
    private static List<InvalidCondition.Issue> unknownFields(String source) {
        CelAbstractSyntaxTree parsed;
        try {
            CelValidationResult result = CEL.parse(source);
            if (result.hasError()) {
                return List.of();
            }
            parsed = result.getAst();
        } catch (CelValidationException | RuntimeException e) {
            return List.of();
        }
        List<InvalidCondition.Issue> found = new ArrayList<>();
        Deque<CelExpr> pending = new ArrayDeque<>();
        pending.push(parsed.getExpr());
        while (!pending.isEmpty()) {
            CelExpr expr = pending.pop();
            switch (expr.getKind()) {
                case SELECT -> {
                    CelExpr operand = expr.select().operand();
                    if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT && ROOTS.contains(operand.ident().name())) {
                        String root = operand.ident().name();
                        String field = expr.select().field();
                        if (RuleVariable.named(root + "." + field) == null) {
                            found.add(issueAt(parsed.getSource(), operand.id(), "'" + root + "' has no field '" + field
                                    + "' (its fields: " + String.join(", ", fields(root)) + ")"));
                        }
                    } else {
                        pending.push(operand);
                    }
                }
                case IDENT -> {
                    String name = expr.ident().name();
                    if (ROOTS.contains(name)) {
                        found.add(issueAt(parsed.getSource(), expr.id(), "'" + name
                                + "' is not a value by itself: use one of its fields (" + String.join(", ",
                                fields(name).stream().map(f -> name + "." + f).toList()) + ")"));
                    }
                }
                case CALL -> {
                    expr.call().target().ifPresent(pending::push);
                    expr.call().args().forEach(pending::push);
                }
                case LIST -> expr.list().elements().forEach(pending::push);
                case MAP -> expr.map().entries().forEach(e -> {
                    pending.push(e.key());
                    pending.push(e.value());
                });
                case STRUCT -> expr.struct().entries().forEach(e -> pending.push(e.value()));
                case COMPREHENSION -> {
                    pending.push(expr.comprehension().iterRange());
                    pending.push(expr.comprehension().accuInit());
                    pending.push(expr.comprehension().loopCondition());
                    pending.push(expr.comprehension().loopStep());
                    pending.push(expr.comprehension().result());
                }
                default -> {
                    // Constants and unset expressions name nothing.
                }
            }
        }
        return found;
    }

    private static List<String> fields(String root) {
        return Arrays.stream(RuleVariable.values()).filter(v -> v.root().equals(root) && !v.field().isEmpty())
                .map(RuleVariable::field).toList();
    }

    private static InvalidCondition.Issue issueAt(CelSource source, long exprId, String message) {
        Integer offset = source.getPositionsMap().get(exprId);
        CelSourceLocation at = offset == null ? null : source.getOffsetLocation(offset).orElse(null);
        return at == null ? new InvalidCondition.Issue(1, 1, message)
                : new InvalidCondition.Issue(Math.max(at.getLine(), 1), at.getColumn() + 1, message);
    }
}
