package edgebox.health.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The box's one Prometheus registry and who declared what in it. Each metric name has one owner (a bundle); a
 * second declaration by the owner returns the first metric, by anyone else it is refused. {@link #release} drops
 * everything an owner declared. Declarations are rare and synchronized; the metrics themselves are lock-free.
 */
public final class MetricsStore {

    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** A declared metric: its owner, kind, label names and the collector in the registry. */
    record Declared(String owner, String kind, List<String> labelNames, Collector collector, Object instrument) {
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Map<String, Declared> byName = new HashMap<>();

    public MetricsStore() {
        // The client reads its optional prometheus.properties through the context class loader once; in OSGi that
        // loader may be null, so give it ours for this first read.
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(MetricsStore.class.getClassLoader());
        try {
            PrometheusProperties.get();
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** The {@link edgebox.api.metrics.MetricsRegistry} an owner sees. */
    public BundleMetrics view(String owner) {
        return new BundleMetrics(this, owner);
    }

    /**
     * Returns the owner's earlier declaration of {@code name} when kind and labels match, else registers what
     * {@code create} builds.
     *
     * @throws IllegalArgumentException when another owner holds the name, or the owner declared it differently
     */
    synchronized Object declare(String owner, String kind, String name, String[] labelNames,
            Supplier<? extends Collector> create, java.util.function.Function<Collector, Object> wrap) {
        String key = key(name);
        List<String> labels = List.copyOf(Arrays.asList(labelNames));
        Declared existing = byName.get(key);
        if (existing != null) {
            if (!existing.owner().equals(owner)) {
                throw new IllegalArgumentException("metric " + name + ": already declared by " + existing.owner());
            }
            if (!existing.kind().equals(kind) || !existing.labelNames().equals(labels)) {
                throw new IllegalArgumentException("metric " + name + ": already declared by " + owner + " as "
                        + existing.kind() + " " + existing.labelNames() + ", now asked for " + kind + " " + labels);
            }
            return existing.instrument();
        }
        Collector collector = create.get();
        Object instrument = wrap.apply(collector);
        registry.register(collector);
        byName.put(key, new Declared(owner, kind, labels, collector, instrument));
        return instrument;
    }

    /** Unregisters every metric the owner declared. */
    public synchronized void release(String owner) {
        List<String> gone = new ArrayList<>();
        byName.forEach((name, d) -> {
            if (d.owner().equals(owner)) {
                if (d.collector() != null) {
                    registry.unregister(d.collector());
                } else if (d.instrument() instanceof MultiCollector m) {
                    registry.unregister(m);
                }
                gone.add(name);
            }
        });
        gone.forEach(byName::remove);
    }

    /** Names the owner holds, sorted; for tests and the console. */
    public synchronized List<String> names(String owner) {
        return byName.entrySet().stream().filter(e -> e.getValue().owner().equals(owner)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Adds metrics the owner computes itself at scrape time; their names are reserved for it. */
    public synchronized void register(String owner, MultiCollector collector) {
        for (String name : collector.getPrometheusNames()) {
            Declared existing = byName.get(key(name));
            if (existing != null) {
                throw new IllegalArgumentException("metric " + name + ": already declared by " + existing.owner());
            }
        }
        registry.register(collector);
        for (String name : collector.getPrometheusNames()) {
            byName.put(key(name), new Declared(owner, "collector", List.of(), null, collector));
        }
    }

    public synchronized void unregister(String owner, MultiCollector collector) {
        registry.unregister(collector);
        byName.values().removeIf(d -> d.owner().equals(owner) && d.instrument() == collector);
    }

    /** Writes every metric in the Prometheus text format 0.0.4. */
    public void writeText(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    /** Counters are exposed as {@code name_total} whether declared with the suffix or not: one owner for both. */
    private static String key(String name) {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }
}
