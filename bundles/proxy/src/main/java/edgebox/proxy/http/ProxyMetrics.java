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
 * gets the bundle's same gauge back keeps it right); refusals by reason. Labelled children are resolved once per
 * label set and cached.
 */
public final class ProxyMetrics {

    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10, 30};
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

    private final Counter requests;
    private final Histogram duration;
    private final Counter refusals;
    private final Map<RequestKey, Counter> requestChildren = new ConcurrentHashMap<>();
    private final Map<RouteKey, Histogram> durationChildren = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusalChildren = new ConcurrentHashMap<>();

    private record RequestKey(String gateway, String route, String backend, int statusClass) {
    }

    private record RouteKey(String gateway, String route) {
    }

    private final Gauge active;

    public ProxyMetrics(MetricsRegistry registry) {
        requests = registry.counter("edgebox_proxy_requests_total", "HTTP requests by gateway, route, backend and "
                + "status class", "gateway", "route", "backend", "code");
        duration = registry.histogram("edgebox_proxy_request_duration_seconds", "HTTP request duration, first byte "
                + "in to last byte out", BUCKETS, "gateway", "route");
        refusals = registry.counter("edgebox_proxy_refusals_total", "Requests and connections refused by the edge "
                + "rules, by reason", "reason");
        active = registry.gauge("edgebox_proxy_active_connections", "Open downstream connections");
    }

    void record(AccessRecord r) {
        int cls = Math.max(1, Math.min(5, r.status() / 100));
        RequestKey key = new RequestKey(r.gateway(), r.route(), r.cluster(), cls);
        Counter c = requestChildren.get(key);
        if (c == null) {
            c = requestChildren.computeIfAbsent(key, k -> requests.labels(k.gateway(), k.route(), k.backend(),
                    CLASSES[k.statusClass() - 1]));
        }
        c.inc();
        RouteKey rk = new RouteKey(r.gateway(), r.route());
        Histogram h = durationChildren.get(rk);
        if (h == null) {
            h = durationChildren.computeIfAbsent(rk, k -> duration.labels(k.gateway(), k.route()));
        }
        h.observe(r.durationMicros() / 1e6);
    }

    void connectionOpened() {
        active.inc();
    }

    void connectionClosed() {
        active.dec();
    }

    void refused(String reason) {
        refusalChildren.computeIfAbsent(reason, refusals::labels).inc();
    }
}
