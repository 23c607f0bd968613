package dev.sluice.core.phi;

import java.util.List;
import java.util.Objects;

/**
 * How to recognise a site-specific identifier such as a medical record number or a health-plan member ID, which
 * has no universal format: an identifier-shaped token (4–24 characters, at least three digits, dashes allowed)
 * right after one of the {@code contextWords} ("MRN", "member ID"…), and anywhere a match of one of the
 * {@code patterns} (RE2J syntax, linear-time; for formats a site knows, e.g. {@code \bMR\d{8}\b}).
 */
public record IdentifierSpec(List<String> contextWords, List<String> patterns) {

    public IdentifierSpec {
        contextWords = List.copyOf(Objects.requireNonNull(contextWords, "contextWords"));
        patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
    }

    /** Medical record numbers after the usual cues, no site pattern. */
    public static IdentifierSpec defaultMrn() {
        return new IdentifierSpec(List.of("mrn", "mr", "mrn#", "mr#", "medical record", "med rec", "medrec",
                "medical rec", "record", "chart", "patient id", "pt id", "patient number", "hospital number",
                "hosp no", "emr", "ehr", "unit number", "account"),
                // The cue glued to the number ("MRN-00482215", "MRN#4471"): no separate token follows the cue.
                List.of("(?i)\\bMRN[-#:]?[0-9]{4,12}\\b"));
    }

    /** Health-plan member/subscriber/policy numbers after the usual cues, no site pattern. */
    public static IdentifierSpec defaultHealthPlan() {
        return new IdentifierSpec(List.of("member", "member id", "subscriber", "policy", "insurance",
                "health plan", "plan", "plan id", "medicaid", "medicare", "beneficiary", "mbi", "hicn", "group",
                "insured", "payer", "coverage", "hmo", "ppo", "bcbs", "insurer", "carrier", "benefit", "benefits",
                "healthplan", "memberid", "subscriberid", "policyid", "policynumber"), List.of());
    }

    /** This spec with more cue words. */
    public IdentifierSpec withContextWords(List<String> more) {
        return new IdentifierSpec(concat(contextWords, more), patterns);
    }

    /** This spec with more patterns. */
    public IdentifierSpec withPatterns(List<String> more) {
        return new IdentifierSpec(contextWords, concat(patterns, more));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
