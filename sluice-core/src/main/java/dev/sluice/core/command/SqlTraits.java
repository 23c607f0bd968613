package dev.sluice.core.command;

import java.util.Set;

/**
 * The fixed vocabulary of {@link SqlStatement#traits()}: facts about a statement that its kind alone does not say
 * and that policies ask about ({@code 'COPY_PROGRAM' in statement.traits}). Every trait is an upper-case word;
 * the analyser sets no other.
 */
public final class SqlTraits {

    /** {@code COPY … TO}: rows leave the database (to the client, a server file or a program). */
    public static final String COPY_TO = "COPY_TO";
    /** {@code COPY … FROM}: rows come in (from the client, a server file or a program). */
    public static final String COPY_FROM = "COPY_FROM";
    /** {@code COPY … TO PROGRAM} or {@code FROM PROGRAM}: the server runs a shell command. */
    public static final String COPY_PROGRAM = "COPY_PROGRAM";
    /** {@code COPY … TO 'file'} or {@code FROM 'file'}: the server reads or writes a file of its own file system. */
    public static final String COPY_FILE = "COPY_FILE";
    /** {@code ALTER … DROP …}: a column, constraint, default or the like is dropped. */
    public static final String ALTER_DROP = "ALTER_DROP";
    /** {@code SELECT … INTO new_table}: a query that creates a table. */
    public static final String SELECT_INTO = "SELECT_INTO";
    /** {@code CREATE TABLE … AS query}. */
    public static final String CREATE_TABLE_AS = "CREATE_TABLE_AS";
    /** {@code INSERT INTO … SELECT …} (rows copied from a query rather than given as values). */
    public static final String INSERT_SELECT = "INSERT_SELECT";
    /** {@code CREATE [OR REPLACE] [MATERIALIZED] VIEW}. */
    public static final String CREATE_VIEW = "CREATE_VIEW";
    /** A temporary table or view is created ({@code CREATE TEMP TABLE}, {@code SELECT … INTO TEMP}). */
    public static final String TEMPORARY = "TEMPORARY";
    /** {@code DO}: an anonymous code block the gateway cannot see into. */
    public static final String DO_BLOCK = "DO_BLOCK";
    /** {@code CREATE [OR REPLACE] FUNCTION} or {@code PROCEDURE}: code stored for later calls. */
    public static final String CREATE_FUNCTION = "CREATE_FUNCTION";
    /** {@code GRANT} (also {@code ALTER DEFAULT PRIVILEGES … GRANT}). */
    public static final String GRANT = "GRANT";
    /** {@code REVOKE} (also {@code ALTER DEFAULT PRIVILEGES … REVOKE}). */
    public static final String REVOKE = "REVOKE";
    /**
     * Roles change: {@code CREATE|ALTER|DROP ROLE|USER|GROUP}, {@code SET ROLE}, {@code SET SESSION
     * AUTHORIZATION} (also written as the settings {@code role} and {@code session_authorization}).
     */
    public static final String ROLE_CHANGE = "ROLE_CHANGE";

    /** Every trait, for validation and documentation. */
    public static final Set<String> ALL = Set.of(COPY_TO, COPY_FROM, COPY_PROGRAM, COPY_FILE, ALTER_DROP, SELECT_INTO,
            CREATE_TABLE_AS, INSERT_SELECT, CREATE_VIEW, TEMPORARY, DO_BLOCK, CREATE_FUNCTION, GRANT, REVOKE,
            ROLE_CHANGE);

    private SqlTraits() {
    }
}
