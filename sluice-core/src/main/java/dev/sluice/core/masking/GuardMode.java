package dev.sluice.core.masking;

/** What a guard does when a statement trips it. */
public enum GuardMode {
    /** Nothing: the guard is off. */
    OFF,
    /** Refuse the statement with a clear message. */
    DENY,
    /** Hold the statement until people approve it. */
    REVIEW
}
