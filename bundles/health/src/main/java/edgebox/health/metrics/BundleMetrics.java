package edgebox.health.metrics;

import java.util.Objects;
import java.util.function.DoubleSupplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

/** One owner's view of the {@link MetricsStore}: what it declares here is released with it. */
public final class BundleMetrics implements MetricsRegistry {

    private final MetricsStore store;
    private final String owner;

    BundleMetrics(MetricsStore store, String owner) {
        this.store = store;
        this.owner = owner;
    }

    public String owner() {
        return owner;
    }

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        check(name, help, labelNames);
        return (Counter) store.declare(owner, "counter", name, labelNames,
                () -> io.prometheus.metrics.core.metrics.Counter.builder().name(name).help(help).labelNames(labelNames)
                        .withoutExemplars().build(),
                c -> new PromCounter(name, (io.prometheus.metrics.core.metrics.Counter) c, labelNames.length));
    }

    @Override
    public Gauge gauge(String name, String help, String... labelNames) {
        check(name, help, labelNames);
        return (Gauge) store.declare(owner, "gauge", name, labelNames,
                () -> io.prometheus.metrics.core.metrics.Gauge.builder().name(name).help(help).labelNames(labelNames)
                        .withoutExemplars().build(),
                g -> new PromGauge(name, (io.prometheus.metrics.core.metrics.Gauge) g, labelNames.length));
    }

    @Override
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        check(name, help, labelNames);
        Objects.requireNonNull(buckets, () -> "metric " + name + ": buckets");
        if (buckets.length == 0) {
            throw new IllegalArgumentException("metric " + name + ": buckets: at least one upper bound needed");
        }
        return (Histogram) store.declare(owner, "histogram", name, labelNames,
                () -> io.prometheus.metrics.core.metrics.Histogram.builder().name(name).help(help)
                        .labelNames(labelNames).classicOnly().classicUpperBounds(buckets).withoutExemplars().build(),
                h -> new PromHistogram(name, (io.prometheus.metrics.core.metrics.Histogram) h, labelNames.length));
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
        check(name, help, new String[0]);
        Objects.requireNonNull(value, () -> "metric " + name + ": value supplier");
        store.declare(owner, "gauge-callback", name, new String[0],
                () -> GaugeWithCallback.builder().name(name).help(help)
                        .callback(cb -> cb.call(value.getAsDouble())).build(),
                g -> g);
    }

    private void check(String name, String help, String[] labelNames) {
        Objects.requireNonNull(name, "metric name");
        Objects.requireNonNull(help, () -> "metric " + name + ": help");
        Objects.requireNonNull(labelNames, () -> "metric " + name + ": label names");
    }

    @Override
    public String toString() {
        return "metrics of " + owner;
    }
}
