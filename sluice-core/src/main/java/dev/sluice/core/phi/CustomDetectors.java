package dev.sluice.core.phi;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the detectors of {@link CustomDetectorSpec}s. */
public final class CustomDetectors {

    private CustomDetectors() {
    }

    /**
     * The detector a spec declares.
     *
     * @throws IllegalArgumentException for a pattern RE2J cannot compile (the message names the detector and pattern)
     */
    public static Detector create(CustomDetectorSpec spec) {
        ContextWords context = ContextWords.of(spec.contextWords());
        return switch (spec.kind()) {
            case REGEX -> new RegexDetector(spec, context);
            case DICTIONARY -> new DictionaryDetector(spec, context);
        };
    }

    private static boolean cued(ContextWords context, ScanText t, int start) {
        if (context.isEmpty()) {
            return true;
        }
        int token = t.tokenAtOrAfter(start);
        return token < t.tokenCount() && context.distanceBefore(t, token, start) == 0;
    }

    /** Regular expressions on RE2J, whose matching time is linear in the text. */
    private record RegexDetector(CustomDetectorSpec spec, ContextWords context, List<Pattern> patterns)
            implements Detector {

        RegexDetector(CustomDetectorSpec spec, ContextWords context) {
            this(spec, context, compile(spec));
        }

        private static List<Pattern> compile(CustomDetectorSpec spec) {
            List<Pattern> patterns = new ArrayList<>();
            for (String regex : spec.values()) {
                try {
                    patterns.add(Pattern.compile(regex, spec.caseSensitive() ? 0 : Pattern.CASE_INSENSITIVE));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("detector " + spec.name() + ": invalid pattern " + regex
                            + ": " + e.getDescription(), e);
                }
            }
            return List.copyOf(patterns);
        }

        @Override
        public Set<PhiType> types() {
            return Set.of(PhiType.CUSTOM);
        }

        @Override
        public void detect(ScanText t, SpanSink out) {
            for (Pattern pattern : patterns) {
                Matcher m = pattern.matcher(t.text());
                while (m.find()) {
                    if (m.end() > m.start() && cued(context, t, m.start())) {
                        out.accept(new PhiSpan(m.start(), m.end(), PhiType.CUSTOM, spec.confidence(), spec.label()));
                    }
                }
            }
        }
    }

    /**
     * Dictionary entries matched token by token from each token start: an entry's words must follow one another
     * separated by blanks. Work per token is bounded by the longest entry.
     */
    private static final class DictionaryDetector implements Detector {

        private final CustomDetectorSpec spec;
        private final ContextWords context;
        /** First word (lower case unless case-sensitive) → the entries starting with it, split into words. */
        private final Map<String, List<String[]>> byFirstWord = new HashMap<>();
        private final int maxFirstWordLength;

        DictionaryDetector(CustomDetectorSpec spec, ContextWords context) {
            this.spec = spec;
            this.context = context;
            int longest = 0;
            for (String entry : spec.values()) {
                String[] words = entry.strip().split("[^\\p{L}\\p{N}]+");
                List<String> kept = new ArrayList<>();
                for (String word : words) {
                    if (!word.isEmpty()) {
                        kept.add(spec.caseSensitive() ? word : word.toLowerCase(Locale.ROOT));
                    }
                }
                if (kept.isEmpty()) {
                    throw new IllegalArgumentException("detector " + spec.name() + ": entry '" + entry
                            + "' has no letters or digits");
                }
                byFirstWord.computeIfAbsent(kept.getFirst(), k -> new ArrayList<>()).add(kept.toArray(String[]::new));
                longest = Math.max(longest, kept.getFirst().length());
            }
            this.maxFirstWordLength = longest;
        }

        @Override
        public Set<PhiType> types() {
            return Set.of(PhiType.CUSTOM);
        }

        @Override
        public void detect(ScanText t, SpanSink out) {
            String text = t.text();
            int n = t.tokenCount();
            for (int i = 0; i < n; i++) {
                if (t.tokenLength(i) > maxFirstWordLength) {
                    continue;
                }
                String word = text.substring(t.start(i), t.end(i));
                List<String[]> entries = byFirstWord.get(spec.caseSensitive() ? word : word.toLowerCase(Locale.ROOT));
                if (entries == null) {
                    continue;
                }
                int bestLast = -1;
                for (String[] entry : entries) {
                    int last = matchFrom(t, i, entry);
                    bestLast = Math.max(bestLast, last);
                }
                if (bestLast >= 0 && cued(context, t, t.start(i))) {
                    out.accept(new PhiSpan(t.start(i), t.end(bestLast), PhiType.CUSTOM, spec.confidence(),
                            spec.label()));
                    i = bestLast;
                }
            }
        }

        /** Between an entry's words: 1–3 blanks, dashes, underscores, slashes or dots. */
        private static boolean wordGap(ScanText t, int k) {
            int from = t.end(k);
            int to = t.start(k + 1);
            if (to - from < 1 || to - from > 3) {
                return false;
            }
            for (int p = from; p < to; p++) {
                if (" \t-_/.".indexOf(t.charAt(p)) < 0) {
                    return false;
                }
            }
            return true;
        }

        private int matchFrom(ScanText t, int first, String[] entry) {
            int k = first;
            for (int w = 1; w < entry.length; w++) {
                if (k + 1 >= t.tokenCount() || !wordGap(t, k)) {
                    return -1;
                }
                k++;
                String word = entry[w];
                if (t.tokenLength(k) != word.length()
                        || !t.text().regionMatches(!spec.caseSensitive(), t.start(k), word, 0, word.length())) {
                    return -1;
                }
            }
            return k;
        }
    }
}
