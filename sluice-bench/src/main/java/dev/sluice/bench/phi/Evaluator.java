package dev.sluice.bench.phi;

import dev.sluice.core.phi.PhiSpan;
import dev.sluice.core.phi.PhiType;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores detected spans against the ground truth.
 *
 * <ul>
 *   <li>A true span is <b>found</b> when every letter and digit in it lies inside some detected span (of any type:
 *       that is what masking needs) and at least one detected span overlapping it has the true span's type.</li>
 *   <li>A detected span is <b>correct</b> when it overlaps a true span of its own type.</li>
 *   <li>Recall = found / true spans; precision = correct / detected spans; F2 = 5PR / (4P + R), recall weighing
 *       twice precision.</li>
 *   <li><b>Masked</b> counts true spans whose letters and digits are all inside detected spans, whatever type they
 *       were given: the share of PHI that would not reach the reader.</li>
 * </ul>
 */
public final class Evaluator {

    /** Counts for one type. */
    public static final class Counts {
        int truth;
        int found;
        int masked;
        int detected;
        int correct;

        public int truth() {
            return truth;
        }

        public int found() {
            return found;
        }

        public int detected() {
            return detected;
        }

        public int correct() {
            return correct;
        }

        public double recall() {
            return truth == 0 ? Double.NaN : (double) found / truth;
        }

        public double precision() {
            return detected == 0 ? Double.NaN : (double) correct / detected;
        }

        public double f2() {
            double p = precision();
            double r = recall();
            return p + r == 0 || Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : 5 * p * r / (4 * p + r);
        }
    }

    /** The scores of one run. */
    public static final class Scores {
        final Map<PhiType, Counts> byType = new EnumMap<>(PhiType.class);
        final Map<String, int[]> byVariant = new TreeMap<>();
        final Map<String, Integer> falsePositiveSamples = new TreeMap<>();

        public Counts of(PhiType type) {
            return byType.computeIfAbsent(type, t -> new Counts());
        }

        public Counts total() {
            Counts total = new Counts();
            for (Counts c : byType.values()) {
                total.truth += c.truth;
                total.found += c.found;
                total.masked += c.masked;
                total.detected += c.detected;
                total.correct += c.correct;
            }
            return total;
        }

        /** Recall of one variant ("NAME synthetic/nocue"): {found, truth}. */
        public Map<String, int[]> variants() {
            return byVariant;
        }

        public String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "| %-15s | %6s | %6s | %7s | %8s | %7s | %9s | %6s |%n", "type", "true",
                    "found", "recall", "detected", "correct", "precision", "F2"));
            s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Map.Entry<PhiType, Counts> e : byType.entrySet()) {
                row(s, e.getKey().name(), e.getValue());
            }
            Counts total = total();
            row(s, "all", total);
            s.append(String.format(Locale.ROOT, "%nmasked (every letter/digit of a true span inside some detected span, "
                    + "any type): %d / %d = %.4f%n", total.masked, total.truth, (double) total.masked / total.truth));
            return s.toString();
        }

        public String variantTable() {
            StringBuilder s = new StringBuilder("| type / variant | true | found | recall |\n|---|---:|---:|---:|\n");
            for (Map.Entry<String, int[]> e : byVariant.entrySet()) {
                int[] c = e.getValue();
                s.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f |%n", e.getKey(), c[1], c[0],
                        (double) c[0] / c[1]));
            }
            return s.toString();
        }

        /** The most frequent texts of wrong detections, for tuning. */
        public Map<String, Integer> falsePositives() {
            return falsePositiveSamples;
        }

        private static void row(StringBuilder s, String name, Counts c) {
            s.append(String.format(Locale.ROOT, "| %-15s | %6d | %6d | %7s | %8d | %7d | %9s | %6s |%n", name, c.truth,
                    c.found, fmt(c.recall()), c.detected, c.correct, fmt(c.precision()), fmt(c.f2())));
        }

        private static String fmt(double value) {
            return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
        }
    }

    private Evaluator() {
    }

    public static Scores evaluate(List<Doc> docs, Function<String, List<PhiSpan>> detector) {
        Scores scores = new Scores();
        for (Doc doc : docs) {
            score(doc, detector.apply(doc.text()), scores);
        }
        return scores;
    }

    static void score(Doc doc, List<PhiSpan> detected, Scores scores) {
        String text = doc.text();
        boolean[] covered = new boolean[text.length()];
        for (PhiSpan span : detected) {
            for (int p = Math.max(0, span.start()); p < Math.min(text.length(), span.end()); p++) {
                covered[p] = true;
            }
        }
        for (TruthSpan truth : doc.truth()) {
            Counts counts = scores.of(truth.type());
            counts.truth++;
            boolean all = true;
            for (int p = truth.start(); p < truth.end() && all; p++) {
                all = covered[p] || !Character.isLetterOrDigit(text.charAt(p));
            }
            boolean typed = false;
            for (PhiSpan span : detected) {
                if (span.type() == truth.type() && overlaps(span.start(), span.end(), truth.start(), truth.end())) {
                    typed = true;
                    break;
                }
            }
            if (all) {
                counts.masked++;
            }
            boolean found = all && typed;
            if (found) {
                counts.found++;
            }
            int[] variant = scores.byVariant.computeIfAbsent(truth.type().name() + " " + truth.variant(),
                    k -> new int[2]);
            variant[1]++;
            if (found) {
                variant[0]++;
            }
        }
        for (PhiSpan span : detected) {
            Counts counts = scores.of(span.type());
            counts.detected++;
            boolean correct = false;
            for (TruthSpan truth : doc.truth()) {
                if (truth.type() == span.type() && overlaps(span.start(), span.end(), truth.start(), truth.end())) {
                    correct = true;
                    break;
                }
            }
            if (correct) {
                counts.correct++;
            } else {
                String sample = span.type() + " '" + text.substring(span.start(), Math.min(span.end(), text.length()))
                        .replace('\n', ' ') + "'";
                scores.falsePositiveSamples.merge(sample, 1, Integer::sum);
            }
        }
    }

    private static boolean overlaps(int aStart, int aEnd, int bStart, int bEnd) {
        return aStart < bEnd && bStart < aEnd;
    }
}
