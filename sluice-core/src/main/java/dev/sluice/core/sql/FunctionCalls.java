package dev.sluice.core.sql;

import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserTreeConstants;
import net.sf.jsqlparser.parser.Node;
import net.sf.jsqlparser.parser.SimpleNode;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.execute.Execute;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The functions a statement calls, as policies name them: lower-case, unquoted, qualified as written
 * ({@code pg_catalog.pg_read_file}). A {@code CALL}ed procedure counts as a function.
 *
 * <p>From a syntax tree, every function node the parser built is reported, wherever it sits (select list, FROM,
 * WHERE, subqueries, CTEs, VALUES, SET, RETURNING, ORDER BY…): a sweep over the tree rather than a visitor over
 * known clauses, so no clause can hide a call. From tokens (the keyword fallback), a name directly followed by
 * {@code (} counts unless the word before it makes it a table, type or alias ({@code INSERT INTO t (a)},
 * {@code AS x(a int)}) or the name is a keyword that takes parentheses ({@code IN (…)}, {@code VALUES (…)}); that
 * reading can report too much, never a call it saw written.
 */
final class FunctionCalls {

    /** Keywords followed by a parenthesis that are not function calls. */
    private static final Set<String> NOT_FUNCTIONS = Set.of(
            "IN", "EXISTS", "VALUES", "ANY", "ALL", "SOME", "ARRAY", "ROW", "OVER", "FILTER", "WITHIN", "AS", "ON",
            "USING", "AND", "OR", "NOT", "SELECT", "FROM", "WHERE", "WITH", "INTO", "TABLE", "JOIN", "LATERAL",
            "UNION", "INTERSECT", "EXCEPT", "RETURNING", "SET", "BY", "HAVING", "WHEN", "THEN", "ELSE", "CASE", "IS",
            "LIKE", "ILIKE", "BETWEEN", "DISTINCT", "CAST", "COPY", "EXPLAIN", "ANALYZE", "ANALYSE", "VERBOSE",
            "CONFLICT", "DO", "KEY", "UNIQUE", "CHECK", "PRIMARY", "REFERENCES", "FOREIGN", "INCLUDE", "PARTITION",
            "OPTIONS", "FORMAT", "LIMIT", "OFFSET", "FETCH", "FOR", "GROUPING", "SETS", "CUBE", "ROLLUP", "ORDER");

    /** A name after one of these is a table, index, type or alias, not a function. */
    private static final Set<String> NAMING_WORDS = Set.of(
            "INTO", "TABLE", "UPDATE", "REFERENCES", "VIEW", "ON", "INDEX", "EXISTS", "TYPE", "AS", "COPY", "ONLY",
            "CONSTRAINT", "SEQUENCE", "DOMAIN", "TRIGGER", "FUNCTION", "PROCEDURE", "AGGREGATE", "ROUTINE");

    private FunctionCalls() {
    }

    /** Every function call in a parsed statement ({@code root}: the parser's syntax tree). */
    static Set<String> fromTree(Statement statement, Node root) {
        Set<String> names = new LinkedHashSet<>();
        // CALL runs a procedure; EXECUTE runs a prepared statement, judged when it was prepared.
        if (statement instanceof Execute call && call.getExecType() == Execute.ExecType.CALL
                && call.getName() != null) {
            names.add(qualified(List.of(call.getName().split("\\."))));
        }
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (node.getId() == CCJSqlParserTreeConstants.JJTFUNCTION && node instanceof SimpleNode simple
                    && simple.jjtGetValue() instanceof Function function && function.getMultipartName() != null) {
                names.add(qualified(function.getMultipartName()));
            }
            for (int i = 0; i < node.jjtGetNumChildren(); i++) {
                pending.push(node.jjtGetChild(i));
            }
        }
        names.remove("");
        return names;
    }

    /** The calls the tokens of an unparsed statement show. */
    static Set<String> fromTokens(List<SqlTokens.Token> tokens) {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isName() || i > 0 && tokens.get(i - 1).is('.')) {
                continue; // not a name, or the middle of a qualified one (read from its start)
            }
            int end = i;
            StringBuilder name = new StringBuilder(TableNames.part(tokens.get(i).text()));
            while (end + 2 < tokens.size() && tokens.get(end + 1).is('.') && tokens.get(end + 2).isName()) {
                name.append('.').append(TableNames.part(tokens.get(end + 2).text()));
                end += 2;
            }
            boolean called = end + 1 < tokens.size() && tokens.get(end + 1).type() == SqlTokenType.OPEN_PAREN;
            boolean keyword = tokens.get(i).type() == SqlTokenType.WORD && end == i
                    && NOT_FUNCTIONS.contains(tokens.get(i).text().toUpperCase(Locale.ROOT));
            boolean named = i > 0 && tokens.get(i - 1).type() == SqlTokenType.WORD
                    && NAMING_WORDS.contains(tokens.get(i - 1).text().toUpperCase(Locale.ROOT));
            boolean cast = i > 1 && tokens.get(i - 1).is(':') && tokens.get(i - 2).is(':');
            if (called && !keyword && !named && !cast) {
                names.add(name.toString());
            }
            i = end;
        }
        return names;
    }

    private static String qualified(List<String> parts) {
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(TableNames.part(part));
        }
        return name.toString();
    }
}
