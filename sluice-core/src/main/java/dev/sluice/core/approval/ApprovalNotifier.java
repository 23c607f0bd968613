package dev.sluice.core.approval;

/**
 * Tells people outside the gateway that a request needs them or was decided (webhooks, chat). Implementations must
 * return at once and never throw: a failing notification never holds the data path.
 */
public interface ApprovalNotifier {

    ApprovalNotifier NONE = new ApprovalNotifier() {
        @Override
        public void requested(ApprovalRequest request, java.util.List<String> channels) {
        }

        @Override
        public void resolved(ApprovalRequest request, java.util.List<String> channels) {
        }
    };

    /**
     * A request was opened.
     *
     * @param channels the notification channels (webhook names) the rule asked for; may be empty
     */
    void requested(ApprovalRequest request, java.util.List<String> channels);

    /** A request reached a final status. */
    void resolved(ApprovalRequest request, java.util.List<String> channels);
}
