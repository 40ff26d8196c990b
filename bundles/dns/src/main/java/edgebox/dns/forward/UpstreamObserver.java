package edgebox.dns.forward;

/**
 * Told of every query sent to an upstream: a reply (whatever its rcode) with the time it took, and each failure by
 * kind ({@code timeout}, {@code network}, or the rcode that made the upstream unusable: {@code servfail},
 * {@code refused}, {@code notimp}, {@code formerr}). Called from event loops; must not block.
 */
public interface UpstreamObserver {

    UpstreamObserver NONE = new UpstreamObserver() {
        @Override
        public void replied(Upstream upstream, long nanos) {
        }

        @Override
        public void failed(Upstream upstream, String kind) {
        }
    };

    void replied(Upstream upstream, long nanos);

    void failed(Upstream upstream, String kind);
}
