package edgebox.proxy.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;

/**
 * The data plane's Prometheus metrics: requests by gateway, route, backend and status class; request duration
 * by gateway and route; active downstream connections (a gauge moved up and down, so a re-created component that
 * gets the bundle's same gauge back keeps it right); refusals by reason. The labelled children of one gateway, route
 * and backend are resolved once ({@link Children}) and a connection keeps the last ones it used, so a request on a
 * keep-alive connection records without a lookup. Upstream events by reason: requests refused by a per-endpoint
 * connection cap, request bodies that outgrew the replay buffer (no retry after their first bytes went upstream),
 * mirror copies dropped.
 */
public final class ProxyMetrics {

    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter requests;
    private final Histogram duration;
    private final Counter refusals;
    private final Counter overflows;
    private final Counter replayOverflows;
    private final Counter mirrorDrops;
    private final Map<String, Counter> overflowChildren = new ConcurrentHashMap<>();
    private final Map<String, Counter> mirrorDropChildren = new ConcurrentHashMap<>();
    private final Map<RequestKey, Children> children = new ConcurrentHashMap<>();
    private final Map<RouteKey, Histogram> durationChildren = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusalChildren = new ConcurrentHashMap<>();

    private record RequestKey(String gateway, String route, String backend) {
    }

    private record RouteKey(String gateway, String route) {
    }

    /** The children of one gateway, route and backend: a request counter per status class (made on first use). */
    final class Children {
        final String gateway;
        final String route;
        final String backend;
        private final Histogram durationChild;
        private final Counter[] byClass = new Counter[CLASSES.length];

        private Children(String gateway, String route, String backend) {
            this.gateway = gateway;
            this.route = route;
            this.backend = backend;
            this.durationChild = durationChildren.computeIfAbsent(new RouteKey(gateway, route),
                    k -> duration.labels(k.gateway(), k.route()));
        }

        boolean labels(String g, String r, String b) {
            return gateway.equals(g) && route.equals(r) && backend.equals(b);
        }

        void record(int status, long durationMicros) {
            int cls = Math.max(1, Math.min(5, status / 100)) - 1;
            Counter c = byClass[cls];
            if (c == null) {
                c = requests.labels(gateway, route, backend, CLASSES[cls]);
                byClass[cls] = c;
            }
            c.inc();
            durationChild.observe(durationMicros / 1e6);
        }
    }

    private final Gauge active;

    public ProxyMetrics(MetricsRegistry registry) {
        requests = registry.counter("edgebox_proxy_requests_total", "HTTP requests by gateway, route, backend and "
                + "status class", "gateway", "route", "backend", "code");
        duration = registry.histogram("edgebox_proxy_request_duration_seconds", "HTTP request duration, first byte "
                + "in to last byte out", BUCKETS, "gateway", "route");
        refusals = registry.counter("edgebox_proxy_refusals_total", "Requests and connections refused by the edge "
                + "rules, by reason", "reason");
        overflows = registry.counter("edgebox_proxy_upstream_overflow_total", "Requests answered 503 overloaded: the"
                + " endpoint was at maxConnectionsPerEndpoint and its wait queue full, or the wait timed out",
                "reason");
        replayOverflows = registry.counter("edgebox_proxy_retry_buffer_overflow_total", "Request bodies larger than"
                + " replayBufferBytes on routes with retries: not retried once their first bytes went upstream");
        mirrorDrops = registry.counter("edgebox_proxy_mirror_dropped_total", "Mirror copies given up, by reason"
                + " (connect, closed, slow, incomplete)", "reason");
        active = registry.gauge("edgebox_proxy_active_connections", "Open downstream connections");
    }

    /** Counts one finished request of {@code conn}, reusing the connection's last children when the labels match. */
    void record(Conn conn, String gateway, String route, String backend, int status, long durationMicros) {
        Children c = conn.lastMetrics();
        if (c == null || !c.labels(gateway, route, backend)) {
            c = children(gateway, route, backend);
            conn.lastMetrics(c);
        }
        c.record(status, durationMicros);
    }

    Children children(String gateway, String route, String backend) {
        RequestKey key = new RequestKey(gateway, route, backend);
        Children c = children.get(key);
        return c != null ? c : children.computeIfAbsent(key, k -> new Children(k.gateway(), k.route(), k.backend()));
    }

    void connectionOpened() {
        active.inc();
    }

    void connectionClosed() {
        active.dec();
    }

    void upstreamOverflow(String reason) {
        Counter c = overflowChildren.get(reason);
        (c != null ? c : overflowChildren.computeIfAbsent(reason, overflows::labels)).inc();
    }

    void replayOverflow() {
        replayOverflows.inc();
    }

    void mirrorDropped(String reason) {
        Counter c = mirrorDropChildren.get(reason);
        (c != null ? c : mirrorDropChildren.computeIfAbsent(reason, mirrorDrops::labels)).inc();
    }

    void refused(String reason) {
        Counter c = refusalChildren.get(reason);
        (c != null ? c : refusalChildren.computeIfAbsent(reason, refusals::labels)).inc();
    }
}
