package edgebox.proxy;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code edgebox.proxy}: the data plane's limits, timeouts and logging. Routing comes from manifests. */
@ObjectClassDefinition(name = "edgebox proxy", description = "HTTP data plane limits, timeouts and logging")
public @interface ProxyConfig {

    @AttributeDefinition(description = "Longest HTTP/1.1 request line in bytes (414 beyond)")
    int maxRequestLine() default 8192;

    @AttributeDefinition(description = "Largest request header block in bytes (431 beyond)")
    int maxHeaderBytes() default 65536;

    @AttributeDefinition(description = "Most request header fields (431 beyond)")
    int maxHeaderCount() default 100;

    @AttributeDefinition(description = "Largest request body in bytes (413 beyond); 0 = unlimited")
    long maxBodyBytes() default 104857600L;

    @AttributeDefinition(description = "Milliseconds from the first byte of a request head to its end (408 beyond)")
    long headerReadTimeoutMillis() default 10000;

    @AttributeDefinition(description = "Milliseconds a connection may sit with no request in flight")
    long idleTimeoutMillis() default 60000;

    @AttributeDefinition(description = "Most downstream connections at once, over all listeners")
    int maxConnections() default 20000;

    @AttributeDefinition(description = "HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS offered to clients")
    int http2MaxConcurrentStreams() default 100;

    @AttributeDefinition(description = "HTTP/2 RST_STREAM frames a client may cause per window (rapid reset)")
    int http2MaxResetsPerWindow() default 200;

    @AttributeDefinition(description = "HTTP/2 rapid-reset window in seconds")
    int http2ResetWindowSeconds() default 30;

    @AttributeDefinition(description = "HTTP/2 small CONTINUATION frames allowed per header block (flood guard)")
    int http2MaxSmallContinuationFrames() default 16;

    @AttributeDefinition(description = "Milliseconds to open a backend connection (503 beyond)")
    long connectTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Idle pooled backend connections kept per endpoint and event loop")
    int maxIdlePerEndpoint() default 1024;

    @AttributeDefinition(description = "Upstream connections open at once to one endpoint, over all event loops"
            + " (Envoy's max_connections)")
    int maxConnectionsPerEndpoint() default 1024;

    @AttributeDefinition(description = "Requests that may wait for a connection to an endpoint at its cap; beyond"
            + " them 503 with x-edgebox-overloaded (Envoy's max_pending_requests); 0 = none wait")
    int maxPendingPerEndpoint() default 1024;

    @AttributeDefinition(description = "Milliseconds a request waits for a connection to an endpoint at its cap"
            + " (503 with x-edgebox-overloaded beyond)")
    long pendingTimeoutMillis() default 5000;

    @AttributeDefinition(description = "Bytes of a request body kept so that a retry after its first bytes went"
            + " upstream can send it again (Envoy's per_request_buffer_limit); beyond, no such retry")
    int replayBufferBytes() default 65536;

    @AttributeDefinition(description = "Milliseconds a stopping proxy waits for its connections to finish")
    long drainTimeoutMillis() default 3000;

    @AttributeDefinition(description = "Milliseconds an idle keep-alive connection is kept open while draining")
    long drainIdleGraceMillis() default 300;

    @AttributeDefinition(description = "Write one JSON line per request (Envoy's field names)")
    boolean accessLog() default true;

    @AttributeDefinition(description = "Access log file, relative to the home; - writes to the box's log instead")
    String accessLogFile() default "data/log/proxy-access.log";

    @AttributeDefinition(description = "Size in bytes at which the access log file is rotated to FILE.1")
    long accessLogMaxBytes() default 67108864;

    @AttributeDefinition(name = "balance.policy", description = "Default load balancing: round-robin or least-request")
    String balance_policy() default "round-robin";

    @AttributeDefinition(name = "balance.clusterPolicies", description = "Per cluster: ns/service:port=least-request")
    String[] balance_clusterPolicies() default {};

    @AttributeDefinition(name = "balance.panicThreshold", description = "Percent of healthy endpoints below which health is ignored (0 = never)")
    int balance_panicThreshold() default 50;

    @AttributeDefinition(name = "outlier.consecutiveFailures", description = "Failures in a row that eject an endpoint (0 = off)")
    int outlier_consecutiveFailures() default 5;

    @AttributeDefinition(name = "outlier.baseEjectionTimeMillis", description = "Base ejection time in milliseconds")
    long outlier_baseEjectionTimeMillis() default 30000;

    @AttributeDefinition(name = "outlier.maxEjectionTimeMillis", description = "Longest ejection in milliseconds")
    long outlier_maxEjectionTimeMillis() default 300000;

    @AttributeDefinition(name = "outlier.maxEjectionPercent", description = "Most endpoints of a cluster ejected at once, percent")
    int outlier_maxEjectionPercent() default 10;

    @AttributeDefinition(name = "healthCheck.path", description = "Active health check path (empty = off)")
    String healthCheck_path() default "";

    @AttributeDefinition(name = "healthCheck.host", description = "Host header of active checks (empty = the endpoint address)")
    String healthCheck_host() default "";

    @AttributeDefinition(name = "healthCheck.intervalMillis", description = "Milliseconds between active checks")
    long healthCheck_intervalMillis() default 5000;

    @AttributeDefinition(name = "healthCheck.timeoutMillis", description = "Milliseconds an active check may take")
    long healthCheck_timeoutMillis() default 1000;

    @AttributeDefinition(name = "healthCheck.healthyThreshold", description = "Passes in a row that make an endpoint healthy")
    int healthCheck_healthyThreshold() default 2;

    @AttributeDefinition(name = "healthCheck.unhealthyThreshold", description = "Failures in a row that make an endpoint unhealthy")
    int healthCheck_unhealthyThreshold() default 3;
}
