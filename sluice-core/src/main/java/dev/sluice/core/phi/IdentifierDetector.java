package dev.sluice.core.phi;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.List;
import java.util.Set;

/**
 * Identifiers known by their cue rather than their shape: medical record numbers and health-plan IDs (see
 * {@link IdentifierSpec}). Configured patterns run on RE2J, whose matching time is linear in the text whatever the
 * pattern.
 */
final class IdentifierDetector implements Detector {

    private static final int MIN_LENGTH = 4;
    private static final int MAX_LENGTH = 24;

    private final PhiType type;
    private final ContextWords context;
    private final List<Pattern> patterns;

    IdentifierDetector(PhiType type, IdentifierSpec spec) {
        this.type = type;
        this.context = ContextWords.of(spec.contextWords());
        this.patterns = spec.patterns().stream().map(IdentifierDetector::compile).toList();
    }

    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid pattern " + regex + ": " + e.getDescription(), e);
        }
    }

    @Override
    public Set<PhiType> types() {
        return Set.of(type);
    }

    @Override
    public void detect(ScanText t, SpanSink out) {
        if (!context.isEmpty()) {
            detectAfterCues(t, out);
        }
        for (Pattern pattern : patterns) {
            Matcher m = pattern.matcher(t.text());
            while (m.find()) {
                if (m.end() > m.start()) {
                    out.add(m.start(), m.end(), type, 0.85);
                }
            }
        }
    }

    private void detectAfterCues(ScanText t, SpanSink out) {
        int n = t.tokenCount();
        int next = 0;
        for (int d = 0; d < t.digitTokenCount(); d++) {
            int i = t.digitToken(d);
            if (i < next) {
                continue;
            }
            // "MR-2023-0045": a short letter prefix joined by a dash belongs to the identifier
            if (i > next && t.gapChar(i - 1) == '-' && t.isLetters(i - 1) && t.tokenLength(i - 1) <= 4) {
                i--;
            }
            // The identifier: tokens joined by single dashes.
            int last = i;
            while (last + 1 < n && t.gapChar(last) == '-' && t.end(last + 1) - t.start(i) <= MAX_LENGTH) {
                last++;
            }
            int length = t.end(last) - t.start(i);
            if (length < MIN_LENGTH || length > MAX_LENGTH || digitCount(t, i, last) < 3) {
                continue;
            }
            if (context.before(t, i, 0)) {
                out.add(t.start(i), t.end(last), type, 0.95);
                next = last + 1;
            }
        }
    }

    private static int digitCount(ScanText t, int first, int last) {
        int digits = 0;
        String text = t.text();
        for (int k = first; k <= last; k++) {
            if ((t.flags(k) & ScanText.DIGIT) == 0) {
                continue;
            }
            for (int p = t.start(k); p < t.end(k); p++) {
                char c = text.charAt(p);
                if (c >= '0' && c <= '9') {
                    digits++;
                }
            }
        }
        return digits;
    }
}
