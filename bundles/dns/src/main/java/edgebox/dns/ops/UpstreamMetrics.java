package edgebox.dns.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.dns.forward.Upstream;
import edgebox.dns.forward.UpstreamObserver;

/**
 * The forwarder's per-upstream metrics: queries sent, failures by kind and reply latency, labelled by the upstream's
 * address, in the metrics registry and kept here too, so {@code dns:upstreams} shows the same totals, for every
 * configured upstream whether asked yet or not.
 */
public final class UpstreamMetrics implements UpstreamObserver {

    private static final double[] BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5};

    /** One upstream's totals so far, and what it serves ("default", its domains, "-" when no longer configured). */
    public record Row(String upstream, String serves, long queries, Map<String, Long> failures, long replies,
            double meanSeconds) {
    }

    private final Counter queries;
    private final Counter failures;
    private final Histogram latency;
    private final Map<Upstream, Totals> totals = new ConcurrentHashMap<>();

    public UpstreamMetrics(MetricsRegistry registry) {
        queries = registry.counter("edgebox_dns_upstream_queries_total", "Queries sent to an upstream resolver",
                "upstream");
        failures = registry.counter("edgebox_dns_upstream_failures_total", "Upstream queries without a usable reply, "
                + "by kind: timeout, network, servfail, refused, notimp, formerr", "upstream", "kind");
        latency = registry.histogram("edgebox_dns_upstream_seconds", "Time from an upstream query sent to its reply",
                BUCKETS, "upstream");
    }

    @Override
    public void replied(Upstream upstream, long nanos) {
        Totals t = totals(upstream);
        t.sent();
        t.replies.increment();
        t.replyNanos.add(nanos);
        t.latency.observe(nanos / 1e9);
    }

    @Override
    public void failed(Upstream upstream, String kind) {
        Totals t = totals(upstream);
        if (kind.equals("timeout") || kind.equals("network")) {
            t.sent();
        }
        t.failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        t.failureCounters.computeIfAbsent(kind, k -> failures.labels(t.label, k)).inc();
    }

    /** The upstreams asked so far, by address, each with its totals. */
    public List<Row> rows() {
        return rows(Map.of());
    }

    /**
     * Every configured upstream in its order, with what it serves ("default", its domains) and its totals (zero when
     * not asked yet), then the others asked so far (under earlier settings) by address, serving "-".
     */
    public List<Row> rows(Map<Upstream, String> configured) {
        List<Row> out = new ArrayList<>();
        configured.forEach((u, serves) -> out.add(row(u.toString(), serves, totals.get(u))));
        Map<String, Row> others = new TreeMap<>();
        totals.forEach((u, t) -> {
            if (!configured.containsKey(u)) {
                others.put(t.label, row(t.label, "-", t));
            }
        });
        out.addAll(others.values());
        return List.copyOf(out);
    }

    private static Row row(String label, String serves, Totals t) {
        if (t == null) {
            return new Row(label, serves, 0, Map.of(), 0, 0);
        }
        Map<String, Long> byKind = new TreeMap<>();
        t.failures.forEach((k, n) -> byKind.put(k, n.sum()));
        long replies = t.replies.sum();
        double mean = replies == 0 ? 0 : t.replyNanos.sum() / 1e9 / replies;
        return new Row(label, serves, t.sent.sum(), byKind, replies, mean);
    }

    private Totals totals(Upstream upstream) {
        Totals t = totals.get(upstream);
        return t != null ? t : totals.computeIfAbsent(upstream, u -> new Totals(u.toString()));
    }

    private final class Totals {
        final String label;
        final LongAdder sent = new LongAdder();
        final LongAdder replies = new LongAdder();
        final LongAdder replyNanos = new LongAdder();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        final Map<String, Counter> failureCounters = new ConcurrentHashMap<>();
        final Counter sentCounter;
        final Histogram latency;

        Totals(String label) {
            this.label = label;
            this.sentCounter = queries.labels(label);
            this.latency = UpstreamMetrics.this.latency.labels(label);
        }

        void sent() {
            sent.increment();
            sentCounter.inc();
        }
    }
}
