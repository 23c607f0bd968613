package dev.sluice.core.sql;

import dev.sluice.core.command.SqlStatement;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The analysis of a statement JSqlParser could not parse, from its keywords alone: always {@code parsed=false}
 * and {@code hasWhere=false}, so that callers fail closed.
 *
 * <p>The kind comes from the leading keywords ({@link StatementKinds}); a WITH statement that did not parse is
 * {@code UNKNOWN}, since its main statement cannot be known without parsing. Tables are named where the syntax
 * makes them unambiguous:
 * <ul>
 *   <li>{@code COPY t … TO} reads t, {@code COPY t … FROM} writes t; {@code COPY (query) TO} has the tables of
 *       the query (which may be a data-modifying statement with RETURNING);</li>
 *   <li>{@code TRUNCATE}, {@code VACUUM}, {@code DROP TABLE|VIEW a, b}, {@code LOAD DATA … INTO TABLE t} and
 *       the targets of INSERT, REPLACE, UPDATE, DELETE, MERGE, CREATE TABLE and ALTER TABLE are written;</li>
 *   <li>{@code LOCK} writes what it locks exclusively (PostgreSQL's default mode, MySQL's {@code WRITE}) and
 *       reads what it locks in a share mode or for {@code READ}; {@code ANALYZE t} reads t;</li>
 *   <li>{@code EXPLAIN [ANALYZE] stmt}, {@code PREPARE name AS stmt} and {@code DECLARE c CURSOR FOR query} have
 *       the tables of the statement inside them (read only, unless EXPLAIN ANALYZE or PREPARE, which run or
 *       will run it).</li>
 * </ul>
 * Functions are the names its tokens show called (see {@link FunctionCalls}) plus those of a nested statement;
 * traits come from the keywords ({@link StatementTraits}), and {@code hasLimit} from a top-level LIMIT or FETCH
 * FIRST. Names are only ever taken from identifier tokens, never from literals. Never throws.
 */
final class KeywordClassifier {

    /** Words that begin a statement EXPLAIN can explain, to tell {@code EXPLAIN (SELECT …)} from options. */
    private static final Set<String> STATEMENT_STARTS =
            Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "WITH", "REPLACE", "TABLE");

    private final SqlDialect dialect;

    KeywordClassifier(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param text           the statement as written
     * @param normalizedText its normalised text, which the result carries
     * @param innerAnalyzer  analyses a statement nested inside this one (given as written), for COPY (query),
     *                       EXPLAIN, PREPARE and DECLARE
     */
    SqlStatement classify(String text, String normalizedText, Function<String, SqlStatement> innerAnalyzer) {
        List<SqlTokens.Token> tokens = SqlTokens.significant(text, dialect);
        String leading = StatementKinds.leading(tokens, dialect);
        String kind = leading.equals("WITH") ? SqlStatement.UNKNOWN : leading;
        Access access = new Access();
        try {
            new Reader(text, tokens, StatementKinds.firstKeyword(tokens) + 1, access, innerAnalyzer).tables(kind);
        } catch (RuntimeException e) {
            // Garbage after a known keyword: keep the kind, name no tables.
            access = new Access();
        }
        Set<String> functions = new LinkedHashSet<>(FunctionCalls.fromTokens(tokens));
        functions.addAll(access.functions);
        Set<String> traits = new LinkedHashSet<>(StatementTraits.fromTokens(kind, tokens));
        traits.addAll(access.traits);
        boolean hasLimit = kind.equals("SELECT") && RowLimits.bounded(tokens);
        return new SqlStatement(kind, normalizedText, access.read, access.written, false, hasLimit, functions, traits,
                false, Optional.empty());
    }

    private static final class Access {
        final Set<String> read = new LinkedHashSet<>();
        final Set<String> written = new LinkedHashSet<>();
        /** Functions and traits of a nested statement (COPY (query), EXPLAIN ANALYZE, PREPARE). */
        final Set<String> functions = new LinkedHashSet<>();
        final Set<String> traits = new LinkedHashSet<>();
    }

    /** A cursor over one statement's tokens, with the small grammar pieces the fallback understands. */
    private static final class Reader {

        private final String text;
        private final List<SqlTokens.Token> tokens;
        private final Access access;
        private final Function<String, SqlStatement> innerAnalyzer;
        private int i;

        Reader(String text, List<SqlTokens.Token> tokens, int start, Access access,
               Function<String, SqlStatement> innerAnalyzer) {
            this.text = text;
            this.tokens = tokens;
            this.i = start;
            this.access = access;
            this.innerAnalyzer = innerAnalyzer;
        }

        void tables(String kind) {
            switch (kind) {
                case "COPY" -> copy();
                case "TRUNCATE" -> names("TABLE", "ONLY").forEach(access.written::add);
                case "VACUUM" -> vacuumOrAnalyze(access.written);
                case "ANALYZE" -> vacuumOrAnalyze(access.read);
                case "LOCK" -> lock();
                case "DROP" -> drop();
                case "LOAD" -> afterWords("INTO", "TABLE").ifPresent(access.written::add);
                case "INSERT", "REPLACE" -> afterWords("INTO").ifPresent(access.written::add);
                case "MERGE" -> afterWords("INTO").ifPresent(access.written::add);
                case "DELETE" -> afterWords("FROM").ifPresent(access.written::add);
                case "UPDATE" -> {
                    skipWords("ONLY", "LOW_PRIORITY", "IGNORE");
                    name().ifPresent(access.written::add);
                }
                case "CREATE", "ALTER" -> afterWords("TABLE").ifPresent(access.written::add);
                case "EXPLAIN" -> explain();
                case "PREPARE" -> inner(wordAtTopLevel("AS"), true);
                case "DECLARE" -> {
                    if (wordAtTopLevel("CURSOR") >= 0) {
                        inner(wordAtTopLevel("FOR"), false);
                    }
                }
                default -> {
                    // No tables named without parsing.
                }
            }
        }

        private void copy() {
            if (at(SqlTokenType.OPEN_PAREN)) {
                int close = matchingParen(i);
                SqlStatement query = innerAnalyzer.apply(text.substring(tokens.get(i).end(),
                        close < tokens.size() ? tokens.get(close).start() : text.length()));
                access.read.addAll(query.tablesRead());
                access.written.addAll(query.tablesWritten());
                access.functions.addAll(query.functions());
                access.traits.addAll(query.traits());
                return;
            }
            skipWords("BINARY");
            Optional<String> table = name();
            if (at(SqlTokenType.OPEN_PAREN)) {
                i = matchingParen(i) + 1;
            }
            boolean from = i < tokens.size() && tokens.get(i).isWord("FROM");
            table.ifPresent(from ? access.written::add : access.read::add);
        }

        private void vacuumOrAnalyze(Set<String> into) {
            while (i < tokens.size()) {
                if (at(SqlTokenType.OPEN_PAREN)) {
                    i = matchingParen(i) + 1;
                } else if (isWordIn("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE", "SKIP_LOCKED")) {
                    i++;
                } else {
                    break;
                }
            }
            while (i < tokens.size()) {
                name().ifPresent(into::add);
                if (at(SqlTokenType.OPEN_PAREN)) {
                    i = matchingParen(i) + 1; // column list
                }
                if (!atChar(',')) {
                    return;
                }
                i++;
            }
        }

        /** PostgreSQL {@code LOCK [TABLE] [ONLY] a, b [IN mode MODE]}; MySQL {@code LOCK TABLES a READ, b WRITE}. */
        private void lock() {
            skipWords("TABLE", "TABLES");
            Set<String> readLocked = new LinkedHashSet<>();
            Set<String> writeLocked = new LinkedHashSet<>();
            Set<String> modeless = new LinkedHashSet<>();
            boolean exclusive = true; // PostgreSQL's default: ACCESS EXCLUSIVE
            while (i < tokens.size()) {
                skipWords("ONLY");
                Optional<String> table = name();
                String mode = null;
                while (i < tokens.size() && !atChar(',')) {
                    SqlTokens.Token token = tokens.get(i++);
                    if (token.isWord("READ")) {
                        mode = "READ";
                    } else if (token.isWord("WRITE")) {
                        mode = "WRITE";
                    } else if (token.isWord("IN")) {
                        exclusive = false;
                        while (i < tokens.size() && !tokens.get(i).isWord("MODE")) {
                            exclusive |= tokens.get(i++).isWord("EXCLUSIVE");
                        }
                    }
                }
                String lockMode = mode;
                table.ifPresent(name -> (lockMode == null ? modeless
                        : lockMode.equals("READ") ? readLocked : writeLocked).add(name));
                i++;
            }
            access.read.addAll(readLocked);
            access.written.addAll(writeLocked);
            (exclusive ? access.written : access.read).addAll(modeless);
        }

        private void drop() {
            skipWords("TEMPORARY", "TEMP", "MATERIALIZED", "FOREIGN");
            if (!isWordIn("TABLE", "TABLES", "VIEW")) {
                return; // an index, function, schema…: not a table
            }
            i++;
            if (at(SqlTokenType.WORD) && tokens.get(i).isWord("IF")) {
                i += 2; // IF EXISTS
            }
            names().forEach(access.written::add);
        }

        /** EXPLAIN's (or MySQL DESCRIBE's) options, then the statement it explains. */
        private void explain() {
            boolean analyze = false;
            while (i < tokens.size()) {
                if (at(SqlTokenType.OPEN_PAREN) && !isStatementStart(i + 1)) {
                    int close = matchingParen(i);
                    for (int j = i + 1; j < close && j < tokens.size(); j++) {
                        analyze |= tokens.get(j).isWord("ANALYZE") || tokens.get(j).isWord("ANALYSE");
                    }
                    i = close + 1;
                } else if (isWordIn("ANALYZE", "ANALYSE")) {
                    analyze = true;
                    i++;
                } else if (isWordIn("VERBOSE", "EXTENDED", "PARTITIONS")) {
                    i++;
                } else if (isWordIn("FORMAT")) {
                    i += atChar(i + 1, '=') ? 3 : 2;
                } else {
                    break;
                }
            }
            if (i < tokens.size()) {
                inner(i - 1, analyze);
            }
        }

        /** Analyses the statement that starts after token {@code before}; {@code runs}: it is (to be) executed. */
        private void inner(int before, boolean runs) {
            if (before < 0 || before + 1 >= tokens.size()) {
                return;
            }
            SqlStatement nested = innerAnalyzer.apply(text.substring(tokens.get(before + 1).start()));
            access.read.addAll(nested.tablesRead());
            (runs ? access.written : access.read).addAll(nested.tablesWritten());
            access.functions.addAll(nested.functions());
            if (runs) {
                access.traits.addAll(nested.traits());
            }
        }

        /** Index of the first occurrence of {@code word} outside parentheses, from the cursor on; -1 if none. */
        private int wordAtTopLevel(String word) {
            int depth = 0;
            for (int j = i; j < tokens.size(); j++) {
                SqlTokens.Token token = tokens.get(j);
                if (token.type() == SqlTokenType.OPEN_PAREN) {
                    depth++;
                } else if (token.type() == SqlTokenType.CLOSE_PAREN) {
                    depth--;
                } else if (depth == 0 && token.isWord(word)) {
                    i = j + 1;
                    return j;
                }
            }
            return -1;
        }

        /** Moves past the given words in order ({@code INTO TABLE}) and reads the name after them. */
        private Optional<String> afterWords(String... words) {
            int at = wordAtTopLevel(words[0]);
            if (at < 0) {
                return Optional.empty();
            }
            for (int w = 1; w < words.length; w++) {
                if (!isWordIn(words[w])) {
                    return Optional.empty();
                }
                i++;
            }
            if (at(SqlTokenType.WORD) && tokens.get(i).isWord("IF")) {
                i += tokens.get(i + 1).isWord("NOT") ? 3 : 2; // IF [NOT] EXISTS
            }
            skipWords("ONLY");
            return name();
        }

        /** A comma-separated list of names, each optionally after one of {@code prefixes} and before a {@code *}. */
        private List<String> names(String... prefixes) {
            Set<String> names = new LinkedHashSet<>();
            skipWords(prefixes);
            while (i < tokens.size()) {
                skipWords(prefixes);
                Optional<String> name = name();
                if (name.isEmpty()) {
                    break;
                }
                names.add(name.get());
                if (atChar('*')) {
                    i++;
                }
                if (!atChar(',')) {
                    break;
                }
                i++;
            }
            return List.copyOf(names);
        }

        /** A possibly qualified name at the cursor: {@code a}, {@code s.a}, {@code "S"."A"}. */
        private Optional<String> name() {
            if (i >= tokens.size() || !tokens.get(i).isName()) {
                return Optional.empty();
            }
            StringBuilder name = new StringBuilder(TableNames.part(tokens.get(i++).text()));
            while (atChar('.') && i + 1 < tokens.size() && tokens.get(i + 1).isName()) {
                name.append('.').append(TableNames.part(tokens.get(i + 1).text()));
                i += 2;
            }
            return Optional.of(name.toString());
        }

        private boolean isStatementStart(int index) {
            return index < tokens.size() && tokens.get(index).type() == SqlTokenType.WORD
                    && STATEMENT_STARTS.contains(tokens.get(index).text().toUpperCase(Locale.ROOT));
        }

        private int matchingParen(int open) {
            int depth = 0;
            for (int j = open; j < tokens.size(); j++) {
                SqlTokenType type = tokens.get(j).type();
                if (type == SqlTokenType.OPEN_PAREN) {
                    depth++;
                } else if (type == SqlTokenType.CLOSE_PAREN && --depth == 0) {
                    return j;
                }
            }
            return tokens.size();
        }

        private void skipWords(String... words) {
            while (isWordIn(words)) {
                i++;
            }
        }

        private boolean isWordIn(String... words) {
            if (i >= tokens.size()) {
                return false;
            }
            for (String word : words) {
                if (tokens.get(i).isWord(word)) {
                    return true;
                }
            }
            return false;
        }

        private boolean at(SqlTokenType type) {
            return i < tokens.size() && tokens.get(i).type() == type;
        }

        private boolean atChar(char c) {
            return atChar(i, c);
        }

        private boolean atChar(int index, char c) {
            return index < tokens.size() && tokens.get(index).is(c);
        }
    }
}
