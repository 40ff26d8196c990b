package edgebox.dns.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.xbill.DNS.Rcode;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;

/**
 * The DNS function's Prometheus metrics: queries by source and rcode, answer latency by transport, drops by reason,
 * the forwarder's cache hit ratio and the answer chain's version. Labelled children are resolved once and kept.
 */
public final class DnsMetrics {

    private static final double[] BUCKETS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
            0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final Counter queries;
    private final Histogram latency;
    private final Counter drops;
    private final Map<String, Counter[]> queryChildren = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latencyChildren = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropChildren = new ConcurrentHashMap<>();

    private final Gauge cacheHitRatio;
    private final Gauge chainVersion;

    /**
     * The gauges are set, not read through a supplier: the registry keeps a bundle's first declaration, and this
     * object lives only as long as one activation of the server component.
     */
    public DnsMetrics(MetricsRegistry registry) {
        queries = registry.counter("edgebox_dns_queries_total", "DNS queries answered, by answer source and rcode",
                "source", "rcode");
        latency = registry.histogram("edgebox_dns_answer_seconds", "Time from a query read to its answer built",
                BUCKETS, "proto");
        drops = registry.counter("edgebox_dns_dropped_total", "DNS queries dropped without an answer, by reason",
                "reason");
        cacheHitRatio = registry.gauge("edgebox_dns_cache_hit_ratio", "Share of forwarded queries answered from the "
                + "cache (set as forwarded queries are answered)");
        chainVersion = registry.gauge("edgebox_dns_chain_version", "Version of the answer chain in use (grows with "
                + "every change)");
    }

    public void answered(String source, int rcode, String proto, long nanos) {
        Counter[] byRcode = queryChildren.computeIfAbsent(source, s -> new Counter[24]);
        int i = rcode >= 0 && rcode < byRcode.length ? rcode : byRcode.length - 1;
        Counter c = byRcode[i];
        if (c == null) {
            c = queries.labels(source, Rcode.string(rcode));
            byRcode[i] = c;
        }
        c.inc();
        Histogram h = latencyChildren.get(proto);
        if (h == null) {
            h = latencyChildren.computeIfAbsent(proto, latency::labels);
        }
        h.observe(nanos / 1e9);
    }

    public void chainVersion(long version) {
        chainVersion.set(version);
    }

    public void cacheHitRatio(double ratio) {
        cacheHitRatio.set(ratio);
    }

    public void dropped(String reason) {
        dropChildren.computeIfAbsent(reason, drops::labels).inc();
    }
}
