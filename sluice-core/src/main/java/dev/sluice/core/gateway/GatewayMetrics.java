package dev.sluice.core.gateway;

/**
 * What protocol modules report for operators. The app implements it with Micrometer; protocol modules only see
 * this interface, so metrics are written once for every protocol.
 */
public interface GatewayMetrics {

    void sessionOpened(String protocol);

    void sessionClosed(String protocol);

    /** @param code the refusal code, e.g. {@code bad-credential}, {@code no-access}, {@code limit} */
    void sessionRefused(String protocol, String code);

    /** @param outcome {@code allow}, {@code deny} or {@code review}; {@code failed} is true when upstream errored */
    void commandCompleted(String protocol, String outcome, long durationNanos, boolean failed);

    void bytes(String protocol, long fromClient, long toClient);

    /** @param kind e.g. {@code malformed}, {@code oversized}, {@code unexpected-message}, {@code upstream} */
    void protocolError(String protocol, String kind);

    GatewayMetrics NOOP = new GatewayMetrics() {
        @Override
        public void sessionOpened(String protocol) {
        }

        @Override
        public void sessionClosed(String protocol) {
        }

        @Override
        public void sessionRefused(String protocol, String code) {
        }

        @Override
        public void commandCompleted(String protocol, String outcome, long durationNanos, boolean failed) {
        }

        @Override
        public void bytes(String protocol, long fromClient, long toClient) {
        }

        @Override
        public void protocolError(String protocol, String kind) {
        }
    };
}
