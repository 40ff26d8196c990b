package edgebox.dns.forward;

import java.io.IOException;

/**
 * An upstream query that produced no usable reply: the message names the upstream and the reason; {@code timeout}
 * tells a query that got no reply in time from one that failed on the network.
 */
final class UpstreamException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean timeout;

    UpstreamException(Upstream upstream, String reason) {
        this(upstream, reason, null, false);
    }

    UpstreamException(Upstream upstream, String reason, Throwable cause) {
        this(upstream, reason, cause, false);
    }

    private UpstreamException(Upstream upstream, String reason, Throwable cause, boolean timeout) {
        super("upstream " + upstream + ": " + reason, cause);
        this.timeout = timeout;
    }

    static UpstreamException timeout(Upstream upstream, int millis, String protocol) {
        return new UpstreamException(upstream, "no " + protocol + " reply within " + millis + " ms", null, true);
    }

    boolean timeout() {
        return timeout;
    }
}
