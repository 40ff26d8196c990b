package edgebox.dns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;

/**
 * A metrics registry for tests that keeps each counter's total by {@code name{label values}}; gauges and histograms
 * are accepted and forgotten.
 */
public final class RecordingMetrics implements MetricsRegistry {

    private final Map<String, Double> counts = new ConcurrentHashMap<>();

    /** The total of a counter, e.g. {@code edgebox_dns_queries_total{network-policy,REFUSED}}; 0 when never counted. */
    public double count(String key) {
        return counts.getOrDefault(key, 0.0);
    }

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        return counter(name);
    }

    private Counter counter(String key) {
        return new Counter() {
            @Override
            public Counter labels(String... values) {
                return counter(key + "{" + String.join(",", values) + "}");
            }

            @Override
            public void inc() {
                inc(1);
            }

            @Override
            public void inc(double amount) {
                counts.merge(key, amount, Double::sum);
            }
        };
    }

    @Override
    public Gauge gauge(String name, String help, String... labelNames) {
        return new Gauge() {
            @Override
            public Gauge labels(String... values) {
                return this;
            }

            @Override
            public void set(double value) {
            }

            @Override
            public void inc() {
            }

            @Override
            public void dec() {
            }
        };
    }

    @Override
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return new Histogram() {
            @Override
            public Histogram labels(String... values) {
                return this;
            }

            @Override
            public void observe(double value) {
            }
        };
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
    }
}
