package edgebox.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;

/** A MetricsRegistry keeping values in memory by {@code name{v1,v2}}, for open-box tests. */
final class MemoryMetrics implements MetricsRegistry {

    final Map<String, Double> values = new ConcurrentHashMap<>();
    final Map<String, DoubleSupplier> suppliers = new ConcurrentHashMap<>();

    private final class Series implements Counter, Gauge, Histogram {
        private final String key;

        Series(String key) {
            this.key = key;
        }

        @Override
        public Series labels(String... v) {
            return new Series(key + "{" + String.join(",", v) + "}");
        }

        @Override
        public void inc() {
            inc(1);
        }

        @Override
        public void inc(double amount) {
            values.merge(key, amount, Double::sum);
        }

        @Override
        public void set(double value) {
            values.put(key, value);
        }

        @Override
        public void dec() {
            inc(-1);
        }

        @Override
        public void observe(double value) {
            values.merge(key + ":count", 1.0, Double::sum);
        }
    }

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        return new Series(name);
    }

    @Override
    public Gauge gauge(String name, String help, String... labelNames) {
        return new Series(name);
    }

    @Override
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return new Series(name);
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
        suppliers.put(name, value);
    }
}
