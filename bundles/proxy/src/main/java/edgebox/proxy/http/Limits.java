package edgebox.proxy.http;

/**
 * The data plane's limits and timeouts, copied once from the configuration; handlers take them in their
 * constructors. Sizes in bytes, times in milliseconds, 0 body size means unlimited.
 */
public record Limits(int maxRequestLine, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes,
        long headerReadTimeoutMillis, long idleTimeoutMillis, int maxConnections, int http2MaxConcurrentStreams,
        int http2MaxResetsPerWindow, int http2ResetWindowSeconds, int http2MaxSmallContinuationFrames,
        long connectTimeoutMillis, int maxIdlePerEndpoint, int replayBufferBytes, long drainTimeoutMillis,
        long drainIdleGraceMillis) {

    /** Defaults equal to the configuration's, for tests. */
    public static Limits defaults() {
        return new Limits(8192, 65536, 100, 104_857_600L, 10_000, 60_000, 20_000, 100, 200, 30, 16, 5_000, 1024,
                65_536, 3_000, 300);
    }

    public Limits withHeaderReadTimeout(long millis) {
        return new Limits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxBodyBytes, millis, idleTimeoutMillis,
                maxConnections, http2MaxConcurrentStreams, http2MaxResetsPerWindow, http2ResetWindowSeconds,
                http2MaxSmallContinuationFrames, connectTimeoutMillis, maxIdlePerEndpoint, replayBufferBytes,
                drainTimeoutMillis, drainIdleGraceMillis);
    }
}
