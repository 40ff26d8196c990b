package edgebox.proxy.upstream;

/**
 * Envoy's circuit breakers per endpoint: at most {@code maxConnections} upstream connections open to one endpoint
 * over all event loops, at most {@code maxPending} requests waiting for one when it is full, each for at most
 * {@code pendingTimeoutMillis}. Checked by the configuration's validator before it gets here.
 */
public record ConnectionCaps(int maxConnections, int maxPending, long pendingTimeoutMillis) {

    /** Envoy's defaults (1024 connections, 1024 pending), 5 s of waiting: for tests that do not care. */
    public static ConnectionCaps generous() {
        return new ConnectionCaps(1024, 1024, 5000);
    }
}
