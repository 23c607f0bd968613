package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;

import java.util.List;

/**
 * Splits a SQL string into statements and analyses each: kind, tables read and written, WHERE presence.
 * Never throws on bad SQL: what the parser cannot understand comes back from the keyword fallback with
 * {@link SqlStatement#parsed()} false, so callers can fail closed.
 */
public interface SqlAnalyzer {

    List<SqlStatement> analyze(String sql);
}
