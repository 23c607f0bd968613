package dev.sluice.core.policy.rules;

import dev.cel.runtime.CelVariableResolver;
import dev.sluice.core.command.SqlCommand;
import dev.sluice.core.command.SqlStatement;
import dev.sluice.core.policy.ProtectedData;
import dev.sluice.core.session.SessionContext;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What rule conditions see while one command is judged: built once per command, pointed at each statement in
 * turn. Values are computed on first use and kept, so a fact no rule asks for costs nothing and one many rules
 * ask for is computed once (per command, or per statement for {@code statement.} fields). One thread; one command.
 */
final class Facts implements CelVariableResolver {

    private static final RuleVariable[] VARIABLES = RuleVariable.values();

    private final SessionContext session;
    private final SqlCommand command;
    private final ZonedDateTime time;
    private final ProtectedData protectedData;
    private final Object[] values = new Object[VARIABLES.length];
    private SqlStatement statement;

    Facts(SessionContext session, SqlCommand command, ZonedDateTime time, ProtectedData protectedData) {
        this.session = session;
        this.command = command;
        this.time = time;
        this.protectedData = protectedData;
    }

    /** Points the {@code statement.} fields at the next statement. */
    void judge(SqlStatement next) {
        this.statement = next;
        for (RuleVariable variable : VARIABLES) {
            if (variable.perStatement()) {
                values[variable.ordinal()] = null;
            }
        }
    }

    @Override
    public Optional<Object> find(String name) {
        RuleVariable variable = RuleVariable.named(name);
        if (variable == null) {
            return Optional.empty();
        }
        Object value = values[variable.ordinal()];
        if (value == null) {
            value = compute(variable);
            values[variable.ordinal()] = value;
        }
        return Optional.of(value);
    }

    private Object compute(RuleVariable variable) {
        return switch (variable) {
            case STATEMENT_KIND -> statement.kind();
            case STATEMENT_TABLES_READ -> sorted(statement.tablesRead());
            case STATEMENT_TABLES_WRITTEN -> sorted(statement.tablesWritten());
            case STATEMENT_TABLES -> {
                TreeSet<String> all = new TreeSet<>(statement.tablesRead());
                all.addAll(statement.tablesWritten());
                yield List.copyOf(all);
            }
            case STATEMENT_HAS_WHERE -> statement.hasWhere();
            case STATEMENT_HAS_LIMIT -> statement.hasLimit();
            case STATEMENT_FUNCTIONS -> sorted(statement.functions());
            case STATEMENT_TRAITS -> sorted(statement.traits());
            case STATEMENT_PARSED -> statement.parsed();
            case STATEMENT_TOUCHES_PROTECTED -> touchesProtected();
            case STATEMENT_TEXT -> statement.normalizedText();
            case COMMAND_STATEMENT_COUNT -> (long) command.statements().size();
            case COMMAND_KINDS -> command.kinds();
            case COMMAND_TEXT -> command.text();
            case IDENTITY_USER -> session.identity().subject();
            case IDENTITY_NAME -> session.identity().displayName();
            case IDENTITY_GROUPS -> sorted(session.identity().groups());
            case IDENTITY_ISSUER -> session.identity().issuer();
            case IDENTITY_PROOF -> session.identity().proof().name();
            case CONNECTION_NAME -> session.connection().name();
            case CONNECTION_TYPE -> session.connection().type();
            case SESSION_APPLICATION_NAME -> session.applicationName();
            case SESSION_CLIENT_ADDRESS -> session.clientAddress();
            case TIME_HOUR -> (long) time.getHour();
            case TIME_MINUTE -> (long) time.getMinute();
            case TIME_WEEKDAY -> time.getDayOfWeek().name();
            case TIME_DATE -> time.format(DateTimeFormatter.ISO_LOCAL_DATE);
            case NOW -> Instant.from(time);
        };
    }

    /** A masking policy that cannot answer is taken to say yes: fail closed. */
    private boolean touchesProtected() {
        try {
            return protectedData.touches(statement);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static List<String> sorted(Collection<String> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> list = new ArrayList<>(values);
        Collections.sort(list);
        return Collections.unmodifiableList(list);
    }
}
