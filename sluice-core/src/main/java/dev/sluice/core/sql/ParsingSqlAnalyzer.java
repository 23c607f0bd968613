package dev.sluice.core.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sluice.core.command.SqlStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's SQL analyser: splits a string into statements and analyses each with JSqlParser 5.3, falling
 * back to keywords for what the parser cannot read. Shared by all sessions; thread-safe; never throws.
 *
 * <h2>Per statement</h2>
 * <ol>
 *   <li>Normalise ({@link SqlNormalizer}): literals become {@code ?}. The result is the cache key (with the
 *       dialect) and the {@link SqlStatement#normalizedText()}.</li>
 *   <li>On a cache hit, return the cached analysis: a lexer pass and one map lookup.</li>
 *   <li>On a miss, parse the <em>normalised</em> text, so the cached syntax tree holds no literal value (JSqlParser
 *       reads {@code ?} as a JDBC parameter). Where the grammar insists on a literal ({@code DATE '2024-01-01'},
 *       {@code COMMENT … IS '…'}, {@code DEFAULT 0}) the text is parsed again with every literal as {@code ''},
 *       still literal-free. The original text is never handed to the parser: JSqlParser's lexer does not
 *       always agree with the server's (it reads {@code //} as a comment, knows neither MySQL's {@code --}
 *       rule nor its executable comments), and a disagreement could hide part of a statement from the
 *       analysis. Everything cached is derived from the key alone.</li>
 *   <li>If neither parses, or the leading keyword is one JSqlParser cannot parse (COPY, DO, BEGIN, START
 *       TRANSACTION, LISTEN, NOTIFY, PREPARE, DEALLOCATE, DISCARD, VACUUM, LOCK, LOAD DATA, …), the
 *       {@link KeywordClassifier} names the kind and the tables it can, with {@code parsed=false}.</li>
 * </ol>
 * Parsing runs on the caller's thread with a time budget ({@link ParseWatchdog}); text nested more than
 * {@value StatementParser#MAX_PAREN_DEPTH} parentheses deep is not parsed. The analysis of a statement whose
 * parse ran out of budget is cached for a minute only: a starved CPU can cause that as well as a pathological
 * statement. Normalised texts longer than {@value #MAX_CACHED_LENGTH} characters (bulk loads) are analysed every
 * time rather than cached.
 *
 * <h2>Kinds</h2>
 * The upper-case leading keyword, with these rules:
 * <ul>
 *   <li>{@code SELECT} (also {@code TABLE t} and a parenthesised query), {@code INSERT}, {@code UPDATE},
 *       {@code DELETE}, {@code MERGE}, {@code VALUES}, {@code REPLACE} (MySQL, which deletes conflicting
 *       rows);</li>
 *   <li>{@code WITH …} has the kind of its main statement ({@code SELECT}, {@code INSERT}, {@code UPDATE},
 *       {@code DELETE}, {@code MERGE}), or {@code UNKNOWN} when it does not parse;</li>
 *   <li>DDL by its verb, whatever the object: {@code CREATE}, {@code ALTER}, {@code DROP}, {@code TRUNCATE},
 *       {@code RENAME}, {@code COMMENT}, {@code GRANT}, {@code REVOKE};</li>
 *   <li>transactions: {@code BEGIN} (also {@code START TRANSACTION}), {@code COMMIT} (also PostgreSQL's {@code END}),
 *       {@code ROLLBACK} (also {@code ABORT} and {@code ROLLBACK TO SAVEPOINT}), {@code SAVEPOINT},
 *       {@code RELEASE};</li>
 *   <li>session and protocol: {@code SET}, {@code RESET}, {@code SHOW}, {@code USE}, {@code DESCRIBE} (MySQL
 *       {@code DESC t}; {@code DESC SELECT …} is {@code EXPLAIN}), {@code EXPLAIN}, {@code CALL}, {@code DO},
 *       {@code LISTEN}, {@code NOTIFY}, {@code UNLISTEN}, {@code PREPARE}, {@code EXECUTE} (also {@code EXEC}),
 *       {@code DEALLOCATE}, {@code DISCARD}, {@code DECLARE}, {@code FETCH}, {@code MOVE}, {@code CLOSE},
 *       {@code LOCK}, {@code UNLOCK};</li>
 *   <li>data movement and maintenance: {@code COPY}, {@code LOAD}, {@code VACUUM}, {@code ANALYZE} (also
 *       {@code ANALYSE}), {@code CLUSTER}, {@code REINDEX}, {@code REFRESH}, {@code CHECKPOINT}, and MySQL's
 *       {@code OPTIMIZE}, {@code REPAIR}, {@code CHECK}, {@code FLUSH}, {@code KILL} and the like;</li>
 *   <li>{@code UNKNOWN} for anything else, including garbage.</li>
 * </ul>
 *
 * <h2>Tables</h2>
 * Lower-cased, unquoted, qualified as written. Reads include joins, subqueries in any clause, set operations
 * and CTE bodies; CTE names are not tables. INSERT … SELECT writes its target and reads its sources; UPDATE
 * and DELETE write their target and read the rest (and the target too when RETURNING reads it back); data-
 * modifying CTEs write their targets whatever the main statement's kind. See {@link TableAccessFinder}.
 * {@code hasWhere} is true only for an UPDATE or DELETE whose WHERE mentions a column or subquery
 * ({@code WHERE 1 = 1} does not count).
 *
 * <h2>Functions, limits and traits</h2>
 * {@code functions}: every function the statement calls, wherever it sits, lower-case and qualified as written
 * ({@link FunctionCalls}). {@code hasLimit}: a SELECT bounded by LIMIT or FETCH FIRST ({@link RowLimits}).
 * {@code traits}: facts from the fixed vocabulary of {@link dev.sluice.core.command.SqlTraits} such as
 * {@code COPY_PROGRAM} or {@code ROLE_CHANGE} ({@link StatementTraits}). The keyword fallback fills all three
 * from tokens, so COPY, DO, CREATE ROLE and REVOKE, which JSqlParser cannot parse, still carry their traits
 * (with {@code parsed=false}).
 *
 * <h2>Cost</h2>
 * Measured on a loaded 2-core build machine (JDK 25, plain loops, indicative only): a cache hit for a
 * 170-character SELECT with three literals costs 1.5–3 µs, of which the normalisation pass is about 1 µs; a miss
 * that parses the same statement about 0.5 ms; a keyword-fallback miss such as {@code COPY t FROM STDIN} 10–20 µs.
 * A cached parsed statement retains about 10 KB of heap (its syntax tree and tokens): 10,000 entries take about
 * 100 MB.
 */
public final class ParsingSqlAnalyzer implements SqlAnalyzer {

    /** How long one parse attempt may take before it is abandoned and the statement falls back to keywords. */
    public static final Duration DEFAULT_PARSE_BUDGET = Duration.ofMillis(250);

    /** How long an analysis whose parse ran out of time stays cached. */
    static final Duration PROVISIONAL_LIFETIME = Duration.ofMinutes(1);

    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    /** Longer normalised texts are not cached. */
    static final int MAX_CACHED_LENGTH = 16 * 1024;

    /** How deep COPY (EXPLAIN (PREPARE …)) nesting is followed. */
    private static final int MAX_NESTED_STATEMENTS = 3;

    /** The second parse attempt's stand-in for literals: the empty string literal the grammar accepts anywhere. */
    private static final String NEUTRAL_LITERAL = "''";

    private static final Logger LOG = LoggerFactory.getLogger(ParsingSqlAnalyzer.class);

    private final SqlDialect dialect;
    private final SqlNormalizer normalizer;
    private final StatementParser parser;
    private final KeywordClassifier fallback;
    /** Null when caching is disabled (Caffeine may briefly hold an entry even at size 0). */
    private final Cache<CacheKey, Analysis> cache;

    /** The cache key: a fingerprint is only meaningful in the dialect it was lexed in. */
    private record CacheKey(SqlDialect dialect, String normalizedText) {
    }

    /**
     * An analysis; {@code provisional} when a parse ran out of time, which a starved CPU can cause as well as a
     * pathological statement: such an analysis is cached only for {@link #PROVISIONAL_LIFETIME}, so that
     * repeating the statement cannot make the gateway pay the budget again and again, yet it gets another try.
     */
    private record Analysis(SqlStatement statement, boolean provisional) {
    }

    /**
     * @param dialect      the dialect of every string this analyser will see
     * @param maxCacheSize the most statement fingerprints kept (least recently used ones are evicted); 0
     *                     disables the cache
     */
    public ParsingSqlAnalyzer(SqlDialect dialect, long maxCacheSize) {
        this(dialect, maxCacheSize, DEFAULT_PARSE_BUDGET);
    }

    /** As {@link #ParsingSqlAnalyzer(SqlDialect, long)}, with the time budget for one parse attempt. */
    public ParsingSqlAnalyzer(SqlDialect dialect, long maxCacheSize, Duration parseBudget) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (maxCacheSize < 0) {
            throw new IllegalArgumentException("maxCacheSize must not be negative: " + maxCacheSize);
        }
        if (parseBudget.isNegative() || parseBudget.isZero()) {
            throw new IllegalArgumentException("parseBudget must be positive: " + parseBudget);
        }
        this.normalizer = new SqlNormalizer(dialect);
        this.parser = new StatementParser(parseBudget);
        this.fallback = new KeywordClassifier(dialect);
        this.cache = maxCacheSize == 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxCacheSize)
                .expireAfter(Expiry.<CacheKey, Analysis>writing((key, analysis) ->
                        analysis.provisional() ? PROVISIONAL_LIFETIME : FOREVER))
                .build();
    }

    @Override
    public List<SqlStatement> analyze(String sql) {
        if (sql == null || sql.isEmpty()) {
            return List.of();
        }
        List<StatementScanner.Scanned> statements;
        try {
            statements = normalizer.splitAndNormalize(sql, SqlNormalizer.PLACEHOLDER);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("SQL lexing failed unexpectedly ({}); the text is analysed as one UNKNOWN statement",
                    e.getClass().getName());
            return List.of(unknown(""));
        }
        List<SqlStatement> analyses = new ArrayList<>(statements.size());
        for (StatementScanner.Scanned statement : statements) {
            analyses.add(analyze(sql.substring(statement.start(), statement.end()), statement));
        }
        return List.copyOf(analyses);
    }

    /** The number of fingerprints currently cached (approximate, for metrics). */
    public long cachedStatements() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    private SqlStatement analyze(String text, StatementScanner.Scanned statement) {
        String normalized = statement.normalized();
        CacheKey key = new CacheKey(dialect, normalized);
        Analysis cached = cache == null ? null : cache.getIfPresent(key);
        if (cached != null) {
            return cached.statement();
        }
        try {
            Analysis analysis = analyzeUncached(text, normalized, statement.maxParenDepth(), 0);
            if (cache != null && normalized.length() <= MAX_CACHED_LENGTH) {
                cache.put(key, analysis);
            }
            return analysis.statement();
        } catch (RuntimeException | StackOverflowError e) {
            // A bug, not bad SQL (bad SQL takes the fallback path): fail closed, never into the session.
            LOG.warn("SQL analysis failed unexpectedly ({}); the statement is treated as UNKNOWN",
                    e.getClass().getName());
            return unknown(normalized);
        }
    }

    private Analysis analyzeUncached(String text, String normalized, int parenDepth, int nesting) {
        List<SqlTokens.Token> tokens = SqlTokens.significant(normalized, dialect);
        String leadingKind = StatementKinds.leading(tokens, dialect);
        boolean overBudget = false;
        if (!StatementKinds.unparseable(tokens)) {
            StatementParser.Outcome outcome = parser.parse(normalized, parenDepth);
            if (outcome.failure() == StatementParser.Failure.SYNTAX) {
                String neutral = neutralText(text);
                if (neutral != null && !neutral.equals(normalized)) {
                    outcome = parser.parse(neutral, parenDepth);
                }
            }
            if (outcome.parsed().isPresent()) {
                return new Analysis(ParsedStatements.analyze(dialect, leadingKind, normalized, tokens,
                        outcome.parsed().get()), false);
            }
            overBudget = outcome.failure() == StatementParser.Failure.OVER_BUDGET;
        }
        boolean[] nestedOverBudget = {false};
        SqlStatement keywords = fallback.classify(text, normalized, inner -> {
            Analysis nested = analyzeNested(inner, nesting + 1);
            nestedOverBudget[0] |= nested.provisional();
            return nested.statement();
        });
        return new Analysis(keywords, overBudget || nestedOverBudget[0]);
    }

    /** A statement nested in another (COPY (query), EXPLAIN stmt, PREPARE … AS stmt), never cached by itself. */
    private Analysis analyzeNested(String text, int nesting) {
        List<StatementScanner.Scanned> statements = normalizer.splitAndNormalize(text, SqlNormalizer.PLACEHOLDER);
        if (nesting > MAX_NESTED_STATEMENTS || statements.isEmpty()) {
            return new Analysis(unknown(""), false);
        }
        StatementScanner.Scanned first = statements.getFirst();
        return analyzeUncached(text.substring(first.start(), first.end()), first.normalized(),
                first.maxParenDepth(), nesting);
    }

    /** The statement's text with every literal as {@code ''}, or null if it does not scan as one statement. */
    private String neutralText(String text) {
        List<StatementScanner.Scanned> statements = normalizer.splitAndNormalize(text, NEUTRAL_LITERAL);
        return statements.size() == 1 ? statements.getFirst().normalized() : null;
    }

    private static SqlStatement unknown(String normalized) {
        return new SqlStatement(SqlStatement.UNKNOWN, normalized, Set.of(), Set.of(), false, false, Set.of(), Set.of(),
                false, Optional.empty());
    }
}
