package dev.sluice.core.policy;

import dev.sluice.core.command.SqlStatement;

/**
 * Which data a masking policy protects, as rules ask it: does a statement touch a protected column? The masking
 * policy answers; rules use the answer ({@code statement.touches_protected}) without knowing how masking works.
 */
@FunctionalInterface
public interface ProtectedData {

    /** Nothing is protected. */
    ProtectedData NONE = statement -> false;

    /**
     * True when the statement reads or writes a protected column, or a table that holds one and the statement's
     * columns can't be told apart (an unparsed statement on such a table counts as touching it).
     */
    boolean touches(SqlStatement statement);
}
