package edgebox.dns.forward;

import java.io.IOException;

/** An upstream query that produced no usable reply: the message names the upstream and the reason. */
final class UpstreamException extends IOException {

    private static final long serialVersionUID = 1L;

    UpstreamException(Upstream upstream, String reason) {
        super("upstream " + upstream + ": " + reason);
    }

    UpstreamException(Upstream upstream, String reason, Throwable cause) {
        super("upstream " + upstream + ": " + reason, cause);
    }
}
