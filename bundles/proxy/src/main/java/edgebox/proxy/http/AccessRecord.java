package edgebox.proxy.http;

/** One finished request as the access log and the metrics see it. Times in microseconds, -1 when not known. */
record AccessRecord(long startMillis, String method, String authority, String path, String protocol, int status,
        String flags, String gateway, String route, String cluster, String upstreamHost, long bytesReceived,
        long bytesSent, long durationMicros, long upstreamMicros, String requestId, String client) {
}
