package dev.sluice.core.masking;

import java.util.Optional;
import java.util.Set;

/**
 * What the gateway knows of the database's catalog: which columns a table has. With it, a rule that names a column
 * in every table ({@code *.*.dob}) marks only the tables that have such a column as protected; without it
 * ({@link #UNKNOWN}) every table may hold one, and the answer is "protected".
 */
@FunctionalInterface
public interface TableColumns {

    TableColumns UNKNOWN = (schema, table) -> Optional.empty();

    /**
     * The column names of a table, lower-case, or empty when not known.
     *
     * @param schema the schema, or null when the statement left the table unqualified: then the columns of every
     *               table of that name the session's search path could reach, together
     * @param table  the table name, lower-case
     */
    Optional<Set<String>> columns(String schema, String table);
}
