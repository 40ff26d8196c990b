package edgebox.api.metrics;

import java.util.function.DoubleSupplier;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a bundle declares its Prometheus metrics. The registry is handed out per bundle: what a bundle declared
 * disappears from {@code /metrics} when the bundle stops. Names follow Prometheus conventions
 * ({@code edgebox_dns_queries_total}); declaring a name another bundle owns, or the same name with other label
 * names, throws {@link IllegalArgumentException}. Declaring the same metric twice returns the first one.
 */
@ProviderType
public interface MetricsRegistry {

    Counter counter(String name, String help, String... labelNames);

    Gauge gauge(String name, String help, String... labelNames);

    /** A histogram with the given upper bounds (seconds for durations); {@code +Inf} is added. */
    Histogram histogram(String name, String help, double[] buckets, String... labelNames);

    /** A gauge without labels whose value is read when {@code /metrics} is scraped. */
    void gauge(String name, String help, DoubleSupplier value);
}
