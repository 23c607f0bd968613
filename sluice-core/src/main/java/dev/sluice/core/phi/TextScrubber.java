package dev.sluice.core.phi;

/**
 * Masks what looks like PHI in free text that is about to be stored or shown to someone who is not entitled to the
 * raw values: a held statement's text, a justification, a reviewer's comment, an error message.
 */
@FunctionalInterface
public interface TextScrubber {

    /** Leaves text as it is: for tests, and for deployments that mask nothing. */
    TextScrubber NONE = text -> text;

    /** The text with every detected PHI span replaced (e.g. by {@code [SSN]}); never null for non-null input. */
    String scrub(String text);
}
