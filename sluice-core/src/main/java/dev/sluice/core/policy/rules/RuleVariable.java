package dev.sluice.core.policy.rules;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every name a rule condition can use, with its CEL type. Fields are declared as qualified names
 * ({@code statement.kind}), so the type checker knows each one: a misspelt field or a comparison of a string with
 * a number is a configuration error at startup, not a surprise at run time.
 */
enum RuleVariable {

    STATEMENT_KIND("statement.kind", SimpleType.STRING),
    STATEMENT_TABLES_READ("statement.tables_read", Types.STRINGS),
    STATEMENT_TABLES_WRITTEN("statement.tables_written", Types.STRINGS),
    STATEMENT_TABLES("statement.tables", Types.STRINGS),
    STATEMENT_HAS_WHERE("statement.has_where", SimpleType.BOOL),
    STATEMENT_HAS_LIMIT("statement.has_limit", SimpleType.BOOL),
    STATEMENT_FUNCTIONS("statement.functions", Types.STRINGS),
    STATEMENT_TRAITS("statement.traits", Types.STRINGS),
    STATEMENT_PARSED("statement.parsed", SimpleType.BOOL),
    STATEMENT_TOUCHES_PROTECTED("statement.touches_protected", SimpleType.BOOL),
    STATEMENT_TEXT("statement.text", SimpleType.STRING),

    COMMAND_STATEMENT_COUNT("command.statement_count", SimpleType.INT),
    COMMAND_KINDS("command.kinds", Types.STRINGS),
    COMMAND_TEXT("command.text", SimpleType.STRING),

    IDENTITY_USER("identity.user", SimpleType.STRING),
    IDENTITY_NAME("identity.name", SimpleType.STRING),
    IDENTITY_GROUPS("identity.groups", Types.STRINGS),
    IDENTITY_ISSUER("identity.issuer", SimpleType.STRING),
    IDENTITY_PROOF("identity.proof", SimpleType.STRING),

    CONNECTION_NAME("connection.name", SimpleType.STRING),
    CONNECTION_TYPE("connection.type", SimpleType.STRING),

    SESSION_APPLICATION_NAME("session.application_name", SimpleType.STRING),
    SESSION_CLIENT_ADDRESS("session.client_address", SimpleType.STRING),

    TIME_HOUR("time.hour", SimpleType.INT),
    TIME_MINUTE("time.minute", SimpleType.INT),
    TIME_WEEKDAY("time.weekday", SimpleType.STRING),
    TIME_DATE("time.date", SimpleType.STRING),

    NOW("now", SimpleType.TIMESTAMP);

    /** The prefix of every name whose value depends on the statement being judged. */
    static final String STATEMENT_PREFIX = "statement.";

    private static final Map<String, RuleVariable> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RuleVariable::celName, Function.identity()));

    private final String celName;
    private final CelType type;

    RuleVariable(String celName, CelType type) {
        this.celName = celName;
        this.type = type;
    }

    String celName() {
        return celName;
    }

    CelType type() {
        return type;
    }

    boolean perStatement() {
        return celName.startsWith(STATEMENT_PREFIX);
    }

    /** The variable of a name a condition uses, or null. */
    static RuleVariable named(String name) {
        return BY_NAME.get(name);
    }

    /** The part before the dot ({@code statement}) of each qualified name, or the whole name. */
    String root() {
        int dot = celName.indexOf('.');
        return dot < 0 ? celName : celName.substring(0, dot);
    }

    /** The part after the dot ({@code kind}), or empty. */
    String field() {
        int dot = celName.indexOf('.');
        return dot < 0 ? "" : celName.substring(dot + 1);
    }

    private static final class Types {
        static final CelType STRINGS = ListType.create(SimpleType.STRING);
    }
}
