package dev.sluice.core.sql;

import dev.sluice.core.command.SqlTraits;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@link SqlTraits} of a statement.
 *
 * <p>Traits named by the leading keywords ({@code COPY … PROGRAM}, {@code DO}, {@code CREATE TEMP VIEW},
 * {@code SET ROLE}, {@code ALTER … DROP}…) come from the tokens whether or not the statement parsed: JSqlParser
 * does not parse COPY, DO, CREATE ROLE or REVOKE at all, and parses SET ROLE only as a generic SET, so the tokens
 * are the one source that covers every form alike. The structural traits ({@code SELECT_INTO},
 * {@code CREATE_TABLE_AS}, {@code INSERT_SELECT}) come from the syntax tree when there is one, and from
 * top-level (outside parentheses) keywords otherwise.
 *
 * <p>Tokens are only ever matched as keywords; a literal's text is never looked at. Never throws.
 */
final class StatementTraits {

    /** Words between CREATE and the kind of object that do not change what is created. */
    private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "GLOBAL", "LOCAL", "UNLOGGED",
            "RECURSIVE", "MATERIALIZED", "TRUSTED", "PROCEDURAL", "SECURE", "FORCE", "NOFORCE");

    /** What a query given to CREATE TABLE … AS, INSERT … or SELECT INTO may start with. */
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "WITH", "TABLE", "VALUES", "EXECUTE");

    /** Top-level words that make an INSERT take its rows from a query (VALUES lists rows itself). */
    private static final List<String> INSERTED_QUERY_STARTS = List.of("SELECT", "WITH", "TABLE");

    private StatementTraits() {
    }

    /** The traits of a statement that did not parse: everything from its tokens. */
    static Set<String> fromTokens(String kind, List<SqlTokens.Token> tokens) {
        Set<String> traits = new LinkedHashSet<>();
        try {
            Scan scan = new Scan(tokens);
            leading(kind, scan, traits);
            switch (kind) {
                case "SELECT" -> {
                    if (scan.topLevelWord("INTO") >= 0) {
                        traits.add(SqlTraits.SELECT_INTO);
                    }
                }
                case "INSERT" -> {
                    if (scan.topLevelWordIn(INSERTED_QUERY_STARTS) >= 0) {
                        traits.add(SqlTraits.INSERT_SELECT);
                    }
                }
                case "CREATE" -> {
                    int as = scan.topLevelWord("AS");
                    if (scan.createdObject().equals("TABLE") && as >= 0 && scan.startsQuery(as + 1)) {
                        traits.add(SqlTraits.CREATE_TABLE_AS);
                    }
                }
                default -> {
                    // No structural trait for other kinds.
                }
            }
        } catch (RuntimeException e) {
            // Garbage after a known keyword: keep what was found.
        }
        return traits;
    }

    /** The traits of a parsed statement: structure from the tree, the rest from the (normalised) tokens. */
    static Set<String> fromTree(String kind, Statement statement, List<SqlTokens.Token> tokens) {
        Set<String> traits = new LinkedHashSet<>();
        try {
            leading(kind, new Scan(tokens), traits);
        } catch (RuntimeException e) {
            // Keep what was found.
        }
        switch (statement) {
            case Select select when selectsInto(select) -> traits.add(SqlTraits.SELECT_INTO);
            case CreateTable create when create.getSelect() != null -> traits.add(SqlTraits.CREATE_TABLE_AS);
            case Insert insert when insertsQuery(insert) -> traits.add(SqlTraits.INSERT_SELECT);
            default -> {
                // No structural trait.
            }
        }
        return traits;
    }

    /** The traits the leading keywords name, for every statement. */
    private static void leading(String kind, Scan scan, Set<String> traits) {
        switch (kind) {
            case "COPY" -> copy(scan, traits);
            case "DO" -> traits.add(SqlTraits.DO_BLOCK);
            case "GRANT" -> traits.add(SqlTraits.GRANT);
            case "REVOKE" -> traits.add(SqlTraits.REVOKE);
            case "CREATE" -> {
                String object = scan.createdObject();
                switch (object) {
                    case "VIEW" -> traits.add(SqlTraits.CREATE_VIEW);
                    case "FUNCTION", "PROCEDURE" -> traits.add(SqlTraits.CREATE_FUNCTION);
                    case "ROLE", "USER", "GROUP" -> traits.add(SqlTraits.ROLE_CHANGE);
                    default -> {
                        // Other objects carry no trait.
                    }
                }
                if (scan.temporary && (object.equals("TABLE") || object.equals("VIEW"))) {
                    traits.add(SqlTraits.TEMPORARY);
                }
            }
            case "ALTER" -> {
                if (scan.wordAfterKeyword(0, "ROLE", "USER", "GROUP")) {
                    traits.add(SqlTraits.ROLE_CHANGE);
                }
                if (scan.wordAfterKeyword(0, "DEFAULT") && scan.topLevelWord("GRANT") >= 0) {
                    traits.add(SqlTraits.GRANT);
                }
                if (scan.wordAfterKeyword(0, "DEFAULT") && scan.topLevelWord("REVOKE") >= 0) {
                    traits.add(SqlTraits.REVOKE);
                }
                if (scan.topLevelWord("DROP") >= 0) {
                    traits.add(SqlTraits.ALTER_DROP);
                }
            }
            case "DROP" -> {
                if (scan.wordAfterKeyword(0, "ROLE", "USER", "GROUP")) {
                    traits.add(SqlTraits.ROLE_CHANGE);
                }
            }
            case "SET" -> {
                // SET [SESSION | LOCAL] ROLE …, SET SESSION AUTHORIZATION …, and the same as settings:
                // SET role = …, SET session_authorization TO ….
                int at = scan.keyword + 1;
                boolean authorization = scan.isWord(at, "SESSION") && scan.isWord(at + 1, "AUTHORIZATION");
                if (scan.isWord(at, "SESSION") || scan.isWord(at, "LOCAL")) {
                    at++;
                }
                authorization |= scan.isWord(at, "SESSION") && scan.isWord(at + 1, "AUTHORIZATION");
                if (authorization || scan.isName(at, "role") || scan.isName(at, "session_authorization")) {
                    traits.add(SqlTraits.ROLE_CHANGE);
                }
            }
            case "SELECT" -> {
                int into = scan.topLevelWord("INTO");
                if (into >= 0 && (scan.isWord(into + 1, "TEMP") || scan.isWord(into + 1, "TEMPORARY"))) {
                    traits.add(SqlTraits.TEMPORARY);
                }
            }
            default -> {
                // No trait from the leading keywords.
            }
        }
    }

    /** {@code COPY {table [(columns)] | (query)} {FROM | TO} {'file' | PROGRAM 'command' | STDIN | STDOUT} …}. */
    private static void copy(Scan scan, Set<String> traits) {
        int direction = scan.topLevelWordIn(List.of("FROM", "TO"));
        if (direction < 0) {
            return;
        }
        traits.add(scan.isWord(direction, "TO") ? SqlTraits.COPY_TO : SqlTraits.COPY_FROM);
        if (scan.isWord(direction + 1, "PROGRAM")) {
            traits.add(SqlTraits.COPY_PROGRAM);
        } else if (!scan.isWord(direction + 1, "STDIN") && !scan.isWord(direction + 1, "STDOUT")) {
            traits.add(SqlTraits.COPY_FILE); // a file name (a literal, or ? once normalised)
        }
    }

    private static boolean selectsInto(Select select) {
        return switch (select) {
            case PlainSelect plain -> plain.getIntoTables() != null && !plain.getIntoTables().isEmpty();
            case SetOperationList list -> !list.getSelects().isEmpty() && selectsInto(list.getSelects().getFirst());
            case ParenthesedSelect parenthesed ->
                    parenthesed.getSelect() != null && selectsInto(parenthesed.getSelect());
            default -> false;
        };
    }

    private static boolean insertsQuery(Insert insert) {
        Select source = insert.getSelect();
        while (source instanceof ParenthesedSelect parenthesed) {
            source = parenthesed.getSelect();
        }
        return source != null && !(source instanceof Values);
    }

    /** A read-only view over one statement's tokens, from its first keyword on. */
    private static final class Scan {

        private final List<SqlTokens.Token> tokens;
        /** Index of the leading keyword. */
        final int keyword;
        /** Set by {@link #createdObject()}: TEMP or TEMPORARY came before the object. */
        boolean temporary;

        Scan(List<SqlTokens.Token> tokens) {
            this.tokens = tokens;
            this.keyword = StatementKinds.firstKeyword(tokens);
        }

        /** What {@code CREATE} creates, upper-case ({@code TABLE}, {@code VIEW}…), or empty. */
        String createdObject() {
            int i = keyword + 1;
            while (i < tokens.size() && tokens.get(i).type() == SqlTokenType.WORD) {
                String word = upper(i);
                if (word.equals("TEMP") || word.equals("TEMPORARY")) {
                    temporary = true;
                } else if (!CREATE_MODIFIERS.contains(word)) {
                    return word;
                }
                i++;
            }
            return "";
        }

        /** Whether the word {@code offset + 1} tokens after the leading keyword is one of {@code words}. */
        boolean wordAfterKeyword(int offset, String... words) {
            for (String word : words) {
                if (isWord(keyword + 1 + offset, word)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether a query starts at token {@code i}, possibly inside parentheses. */
        boolean startsQuery(int i) {
            while (i < tokens.size() && tokens.get(i).type() == SqlTokenType.OPEN_PAREN) {
                i++;
            }
            return i < tokens.size() && tokens.get(i).type() == SqlTokenType.WORD && QUERY_STARTS.contains(upper(i));
        }

        /** Index of the first {@code word} outside parentheses after the leading keyword; -1 if none. */
        int topLevelWord(String word) {
            return topLevelWordIn(List.of(word));
        }

        int topLevelWordIn(List<String> words) {
            int depth = 0;
            for (int i = keyword + 1; i < tokens.size(); i++) {
                SqlTokens.Token token = tokens.get(i);
                if (token.type() == SqlTokenType.OPEN_PAREN) {
                    depth++;
                } else if (token.type() == SqlTokenType.CLOSE_PAREN) {
                    depth--;
                } else if (depth == 0 && token.type() == SqlTokenType.WORD) {
                    for (String word : words) {
                        if (token.isWord(word)) {
                            return i;
                        }
                    }
                }
            }
            return -1;
        }

        boolean isWord(int i, String word) {
            return i >= 0 && i < tokens.size() && tokens.get(i).isWord(word);
        }

        /** An identifier, quoted or not, whose name is {@code name} (lower-case). */
        boolean isName(int i, String name) {
            return i >= 0 && i < tokens.size() && tokens.get(i).isName()
                    && TableNames.part(tokens.get(i).text()).equals(name);
        }

        private String upper(int i) {
            return tokens.get(i).text().toUpperCase(Locale.ROOT);
        }
    }
}
