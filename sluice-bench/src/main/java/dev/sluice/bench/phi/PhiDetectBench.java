package dev.sluice.bench.phi;

import dev.sluice.core.phi.PhiScanner;
import dev.sluice.core.phi.PhiSpan;
import dev.sluice.core.phi.PhiType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench/phi-detect}: generates the seeded corpus, scores {@link PhiScanner#standard()} on it, and measures
 * single-thread throughput on the free-text notes and on the whole corpus after a JIT warm-up.
 *
 * <p>Arguments: {@code SEED [SCALE] [--false-positives]}; SCALE multiplies the corpus size (default 1).
 */
public final class PhiDetectBench {

    private static final Set<PhiType> PATTERN_TYPES = EnumSet.complementOf(EnumSet.of(PhiType.NAME, PhiType.ADDRESS,
            PhiType.CUSTOM));
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int WARMUP_ROUNDS = 5;
    private static final int MEASURED_ROUNDS = 7;

    private PhiDetectBench() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PhiDetectBench SEED [SCALE] [--false-positives]");
            System.exit(2);
        }
        long seed = Long.parseLong(args[0]);
        double scale = args.length > 1 && !args[1].startsWith("--") ? Double.parseDouble(args[1]) : 1.0;
        boolean showFalsePositives = Arrays.asList(args).contains("--false-positives");

        List<Doc> docs = new CorpusGenerator(seed).generate((int) (2500 * scale), (int) (1200 * scale),
                (int) (1200 * scale));
        List<Doc> notes = docs.stream().filter(d -> d.kind().equals("note")).toList();
        int instances = docs.stream().mapToInt(d -> d.truth().size()).sum();
        long bytes = docs.stream().mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length).sum();

        long t0 = System.nanoTime();
        PhiScanner scanner = PhiScanner.standard();
        scanner.scan("warm up the word lists: John Smith, 1 Main St");
        long initMillis = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf(Locale.ROOT, "PHI detection benchmark — %s, seed %d, Java %s, %d processors%n",
                Instant.now(), seed, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "corpus: %d documents (%d notes, %d records, %d JSON), %.2f MB, %d PHI "
                + "instances; scanner start-up %d ms%n%n", docs.size(), notes.size(),
                docs.stream().filter(d -> d.kind().equals("record")).count(),
                docs.stream().filter(d -> d.kind().equals("json")).count(), bytes / 1e6, instances, initMillis);

        Evaluator.Scores all = Evaluator.evaluate(docs, scanner::scan);
        System.out.println("## Whole corpus\n");
        System.out.println(all.table());
        Evaluator.Scores freeText = Evaluator.evaluate(notes, scanner::scan);
        System.out.println("## Free text (notes only)\n");
        System.out.println(freeText.table());
        System.out.println("## Recall by variant (whole corpus)\n");
        System.out.println(all.variantTable());

        if (showFalsePositives) {
            System.out.println("## Most frequent wrong detections\n");
            all.falsePositives().entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(60)
                    .forEach(e -> System.out.println(e.getValue() + "  " + e.getKey()));
            System.out.println();
        }

        double notesRate = throughput(scanner, notes);
        double allRate = throughput(scanner, docs);
        System.out.printf(Locale.ROOT, "## Throughput (one thread, thread CPU time, %d warm-up rounds, median of %d)%n%n",
                WARMUP_ROUNDS, MEASURED_ROUNDS);
        System.out.printf(Locale.ROOT, "free text (notes): %.1f MB/s per core%n", notesRate);
        System.out.printf(Locale.ROOT, "whole corpus:      %.1f MB/s per core%n%n", allRate);

        System.out.println("## Targets\n");
        List<String> misses = new ArrayList<>();
        for (PhiType type : PATTERN_TYPES) {
            double recall = all.of(type).recall();
            if (!(recall >= 0.99)) {
                misses.add(type + " recall " + fmt(recall));
            }
        }
        check("recall >= 0.99 for every pattern/checksum type", misses);
        check("name recall >= 0.95 in free text", freeText.of(PhiType.NAME).recall() >= 0.95 ? List.of()
                : List.of("NAME " + fmt(freeText.of(PhiType.NAME).recall())));
        check("address recall >= 0.95 in free text", freeText.of(PhiType.ADDRESS).recall() >= 0.95 ? List.of()
                : List.of("ADDRESS " + fmt(freeText.of(PhiType.ADDRESS).recall())));
        double precision = all.total().precision();
        check("overall precision >= 0.90", precision >= 0.90 ? List.of() : List.of(fmt(precision)));
        check(">= 50 MB/s per core on free text", notesRate >= 50 ? List.of()
                : List.of(String.format(Locale.ROOT, "%.1f MB/s", notesRate)));
    }

    private static void check(String target, List<String> misses) {
        System.out.println((misses.isEmpty() ? "MET     " : "NOT MET ") + target
                + (misses.isEmpty() ? "" : ": " + String.join(", ", misses)));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * MB/s (10^6 bytes of UTF-8) over the documents, one thread, median of the measured rounds. Time is the thread's
     * CPU time, so the figure is per core and other processes on a shared machine do not count against it (they
     * still share caches and hyper-threads).
     */
    static double throughput(PhiScanner scanner, List<Doc> docs) {
        long bytes = docs.stream().mapToLong(d -> d.text().getBytes(StandardCharsets.UTF_8).length).sum();
        long sink = 0;
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (Doc doc : docs) {
                sink += scanOnce(scanner, doc);
            }
        }
        double[] rates = new double[MEASURED_ROUNDS];
        for (int round = 0; round < MEASURED_ROUNDS; round++) {
            long start = CPU.getCurrentThreadCpuTime();
            for (Doc doc : docs) {
                sink += scanOnce(scanner, doc);
            }
            rates[round] = bytes / 1e6 / ((CPU.getCurrentThreadCpuTime() - start) / 1e9);
        }
        if (sink == 42) {
            System.out.print("");
        }
        Arrays.sort(rates);
        return rates[MEASURED_ROUNDS / 2];
    }

    private static int scanOnce(PhiScanner scanner, Doc doc) {
        List<PhiSpan> spans = scanner.scan(doc.text());
        return spans.size();
    }
}
