package dev.sluice.core.phi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs a set of detectors over a text and resolves their overlapping findings into disjoint spans.
 *
 * <p>Resolution: spans below the minimum confidence are dropped; the rest are ranked by confidence (higher first),
 * then length (longer first), then position (earlier first). Going down that ranking, each span keeps the characters
 * no higher-ranked span has already claimed — as one or more pieces, each piece dropped if it holds no letter or
 * digit. So every character ends up with at most one label, the best-supported one, and a character some detector
 * found is never left unmasked just because a better span overlapped part of its span.
 *
 * <p>Thread-safe (detectors are immutable); {@link #scan} costs time linear in the text's length.
 */
public final class PhiScanner {

    /** Spans below this are treated as noise. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    private static final Comparator<PhiSpan> RANK = Comparator.comparingDouble(PhiSpan::confidence).reversed()
            .thenComparing(Comparator.comparingInt(PhiSpan::length).reversed())
            .thenComparingInt(PhiSpan::start);

    private static final Comparator<PhiSpan> BY_START = Comparator.comparingInt(PhiSpan::start);

    private final List<Detector> detectors;
    private final double minConfidence;

    public PhiScanner(List<? extends Detector> detectors) {
        this(detectors, DEFAULT_MIN_CONFIDENCE);
    }

    public PhiScanner(List<? extends Detector> detectors, double minConfidence) {
        this.detectors = List.copyOf(Objects.requireNonNull(detectors, "detectors"));
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minConfidence " + minConfidence + " is not within 0..1");
        }
        this.minConfidence = minConfidence;
    }

    /** Every built-in detector with its default settings ({@link Detectors#all()}). */
    public static PhiScanner standard() {
        return new PhiScanner(Detectors.all());
    }

    public List<Detector> detectors() {
        return detectors;
    }

    /** The PHI spans in {@code text}: disjoint, in text order. */
    public List<PhiSpan> scan(String text) {
        return resolve(text, candidates(text), minConfidence);
    }

    /** Everything every detector reported, overlapping, unranked: for diagnostics and tuning. */
    public List<PhiSpan> candidates(String text) {
        Objects.requireNonNull(text, "text");
        List<PhiSpan> spans = new ArrayList<>();
        if (text.isEmpty()) {
            return spans;
        }
        ScanText scanText = new ScanText(text);
        for (Detector detector : detectors) {
            detector.detect(scanText, spans::add);
        }
        return spans;
    }

    /** Resolves overlapping spans as described in the class comment. */
    static List<PhiSpan> resolve(String text, List<PhiSpan> spans, double minConfidence) {
        List<PhiSpan> ranked = new ArrayList<>(spans.size());
        for (PhiSpan span : spans) {
            if (span.confidence() >= minConfidence) {
                ranked.add(span);
            }
        }
        if (ranked.size() <= 1) {
            return ranked;
        }
        // Usual case: nothing overlaps, and text order is all that is needed.
        ranked.sort(BY_START);
        boolean disjoint = true;
        for (int i = 1; i < ranked.size() && disjoint; i++) {
            disjoint = ranked.get(i - 1).end() <= ranked.get(i).start();
        }
        if (disjoint) {
            return ranked;
        }
        ranked.sort(RANK);
        TreeMap<Integer, PhiSpan> claimed = new TreeMap<>();
        for (PhiSpan span : ranked) {
            int from = span.start();
            Map.Entry<Integer, PhiSpan> before = claimed.floorEntry(from);
            if (before != null && before.getValue().end() > from) {
                from = before.getValue().end();
                if (from >= span.end()) {
                    continue;
                }
            }
            List<PhiSpan> pieces = new ArrayList<>(1);
            for (PhiSpan taken : claimed.subMap(from, true, span.end(), false).values()) {
                if (taken.start() > from) {
                    pieces.add(span.cut(from, taken.start()));
                }
                from = Math.max(from, taken.end());
            }
            if (from < span.end()) {
                pieces.add(from == span.start() ? span : span.cut(from, span.end()));
            }
            for (PhiSpan piece : pieces) {
                if (piece == span || hasLetterOrDigit(text, piece.start(), piece.end())) {
                    claimed.put(piece.start(), piece);
                }
            }
        }
        List<PhiSpan> result = new ArrayList<>(claimed.size());
        for (PhiSpan piece : claimed.values()) {
            result.add(piece);
        }
        return result;
    }

    private static boolean hasLetterOrDigit(String text, int from, int to) {
        for (int p = from; p < to && p < text.length(); p++) {
            if (Character.isLetterOrDigit(text.charAt(p))) {
                return true;
            }
        }
        return false;
    }
}
