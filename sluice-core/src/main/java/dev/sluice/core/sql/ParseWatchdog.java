package dev.sluice.core.sql;

import net.sf.jsqlparser.parser.CCJSqlParser;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time a JSqlParser parse may take without moving the parse to another thread.
 *
 * <p>JSqlParser's lookahead is exponential on some nestings (measured on 5.3: nine nested {@code IN (SELECT …)}
 * take about 0.1 s, thirteen about 3 s). Its own {@code CCJSqlParserUtil.parse} runs the parser on a fresh
 * executor and abandons it on timeout, which costs a thread hop per statement and still leaves the runaway parse
 * burning a CPU. The parser instead checks its public {@code interrupted} flag before its expensive lookaheads
 * and gives up soon after it is set; one shared timer thread sets it when a parse overstays its budget.
 */
final class ParseWatchdog {

    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    private ParseWatchdog() {
    }

    /** Interrupts {@code parser} after {@code budget}; cancel the returned future when the parse is done. */
    static ScheduledFuture<?> arm(CCJSqlParser parser, Duration budget) {
        return TIMER.schedule(() -> {
            parser.interrupted = true;
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sluice-sql-parse-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every parse finishes in time: drop cancelled alarms at once instead of when they would fire.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
