package dev.sluice.app.notify;

/** What a notification announces. */
enum ApprovalEvent {
    /** A request was opened and waits for reviewers. */
    REQUESTED("approval.requested"),
    /** A request reached a final status. */
    RESOLVED("approval.resolved");

    private final String wireName;

    ApprovalEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name in a JSON body's {@code event} and in the {@code X-Sluice-Event} header. */
    String wireName() {
        return wireName;
    }
}
