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
    int maxIdlePerEndpoint() default 64;

    @AttributeDefinition(description = "Request bodies up to this many bytes are held so retries and mirrors can replay them")
    int replayBufferBytes() default 65536;

    @AttributeDefinition(description = "Milliseconds a stopping proxy waits for its connections to finish")
    long drainTimeoutMillis() default 3000;

    @AttributeDefinition(description = "Milliseconds an idle keep-alive connection is kept open while draining")
    long drainIdleGraceMillis() default 300;

    @AttributeDefinition(description = "Write one JSON line per request to the logger edgebox.proxy.access")
    boolean accessLog() default true;
}
