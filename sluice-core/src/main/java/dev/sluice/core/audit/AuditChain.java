package dev.sluice.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The canonical hash chain of the audit log: how each stored event is bound to the one before it, so that
 * changing, removing or inserting any event is detectable.
 *
 * <h2>The rule (enough to re-implement verification without Sluice)</h2>
 * Events are numbered {@code seq = 1, 2, 3, …} without gaps, in the order they were recorded. For each event:
 * <pre>
 * hash(n) = lowercase-hex( SHA-256( UTF-8(
 *             prevHash(n) + "\n" + seq + "\n" + at + "\n" + type + "\n" + sessionId + "\n" + payloadJson ) ) )
 * prevHash(1) = "0000000000000000000000000000000000000000000000000000000000000000"   (64 zeros, the genesis)
 * prevHash(n) = hash(n - 1)
 * </pre>
 * where
 * <ul>
 *   <li>{@code seq} is written in decimal without sign or leading zeros;</li>
 *   <li>{@code at} is the event time in UTC with exactly six fractional digits:
 *       {@code 2025-01-31T09:05:00.120000Z} (pattern {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}); the time is
 *       truncated to microseconds before it is stored, so the stored value reproduces the hash;</li>
 *   <li>{@code type} is the stable event type ({@code session.start}, {@code command.decided}, …) and
 *       {@code sessionId} the session's id; neither may contain a line feed, which keeps the fields
 *       unambiguous;</li>
 *   <li>{@code payloadJson} is the stored payload text exactly as stored, byte for byte (it is the last field,
 *       so it may contain anything).</li>
 * </ul>
 * A chain is intact when every event's {@code prev_hash} equals the previous event's {@code hash} (the genesis
 * for seq 1), every {@code hash} equals the value recomputed by the rule, seq has no gap, and the last event is
 * the chain head the store records (so removing events from the end is detected too). {@link Verifier} applies
 * exactly these checks.
 */
public final class AuditChain {

    /** The {@code prevHash} of the first event. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter CANONICAL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private AuditChain() {
    }

    /** The event time as the chain stores it: truncated to microseconds (what both SQL stores can hold). */
    public static Instant storedTime(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The fixed-width UTC form of a time used in the hash, e.g. {@code 2025-01-31T09:05:00.120000Z}. */
    public static String canonicalTime(Instant at) {
        return CANONICAL_TIME.format(storedTime(at));
    }

    /** Parses {@link #canonicalTime}'s form. */
    public static Instant parseCanonicalTime(String text) {
        return Instant.from(CANONICAL_TIME.parse(text));
    }

    /** Computes an event's hash by the rule above. */
    public static String hash(String prevHash, long seq, Instant at, String type, String sessionId,
                              String payloadJson) {
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(payloadJson, "payloadJson");
        String input = prevHash + "\n" + seq + "\n" + canonicalTime(at) + "\n" + type + "\n" + sessionId + "\n"
                + payloadJson;
        return HexFormat.of().formatHex(sha256().digest(input.getBytes(StandardCharsets.UTF_8)));
    }

    /** Recomputes the hash a stored event should carry, from its own fields and its stored prevHash. */
    public static String expectedHash(StoredAuditEvent event) {
        return hash(event.prevHash(), event.seq(), event.at(), event.type(), event.sessionId(), event.payloadJson());
    }

    /** Rejects values that would make the hash input ambiguous. */
    public static void requireSingleLine(String value, String name) {
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a line feed");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /**
     * Walks a chain event by event, in seq order, and stops at the first problem. Feed it with {@link #accept}
     * until it returns false or the events run out, then call {@link #finish(long, String)} with the store's
     * recorded head (or {@link #finish()} where no head is kept).
     */
    public static final class Verifier {

        private long expectedSeq = 1;
        private String expectedPrevHash = GENESIS_HASH;
        private long intact;
        private ChainVerification broken;

        /** @return true while the chain is intact so far; false once a problem was found (stop feeding) */
        public boolean accept(StoredAuditEvent event) {
            if (broken != null) {
                return false;
            }
            long seq = event.seq();
            if (seq != expectedSeq) {
                return fail(Math.min(seq, expectedSeq), gapProblem(seq));
            }
            if (!event.prevHash().equals(expectedPrevHash)) {
                return fail(seq, seq == 1
                        ? "prev_hash of seq 1 is not the genesis hash"
                        : "prev_hash of seq " + seq + " does not match hash of " + (seq - 1));
            }
            if (!expectedHash(event).equals(event.hash())) {
                return fail(seq, "hash mismatch at seq " + seq);
            }
            intact++;
            expectedSeq++;
            expectedPrevHash = event.hash();
            return true;
        }

        /** Records that the event at {@code seq} could not even be read (e.g. a time that no longer parses). */
        public boolean unreadable(long seq, String what) {
            if (broken != null) {
                return false;
            }
            if (seq != expectedSeq) {
                return fail(Math.min(seq, expectedSeq), gapProblem(seq));
            }
            return fail(seq, "unreadable " + what + " at seq " + seq);
        }

        /** The result when no head is recorded: intact if every event fed so far was. */
        public ChainVerification finish() {
            return broken != null ? broken : ChainVerification.intact(intact);
        }

        /**
         * The result, also checking the walk ended exactly at the recorded head: events removed from the end or
         * appended behind the writer's back are caught here.
         */
        public ChainVerification finish(long headSeq, String headHash) {
            if (broken != null) {
                return broken;
            }
            long lastSeq = expectedSeq - 1;
            if (lastSeq < headSeq) {
                return ChainVerification.broken(intact, lastSeq + 1,
                        "truncated: the chain ends at seq " + lastSeq + " but its head records seq " + headSeq);
            }
            if (lastSeq > headSeq) {
                return ChainVerification.broken(intact, headSeq + 1,
                        "seq " + (headSeq + 1) + " to " + lastSeq + " lie beyond the recorded head (seq " + headSeq
                                + ")");
            }
            if (!expectedPrevHash.equals(headHash)) {
                return ChainVerification.broken(intact, lastSeq,
                        "the recorded head hash does not match hash of " + lastSeq);
            }
            return ChainVerification.intact(intact);
        }

        private String gapProblem(long seq) {
            if (seq < expectedSeq) {
                return "seq " + seq + " out of order after seq " + (expectedSeq - 1);
            }
            return expectedSeq == 1
                    ? "gap: the chain starts at seq " + seq + ", not 1"
                    : "gap: seq " + (expectedSeq - 1) + " then " + seq;
        }

        private boolean fail(long seq, String problem) {
            broken = ChainVerification.broken(intact, seq, problem);
            return false;
        }
    }
}
