package edgebox.health.metrics;

import edgebox.api.metrics.Counter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/** A counter, or one labelled child of it; children wrap the Prometheus data point and are kept by callers. */
final class PromCounter implements Counter {

    private final String name;
    private final io.prometheus.metrics.core.metrics.Counter metric;
    private final CounterDataPoint point;
    private final int labelCount;

    PromCounter(String name, io.prometheus.metrics.core.metrics.Counter metric, int labelCount) {
        this.name = name;
        this.metric = metric;
        this.labelCount = labelCount;
        this.point = labelCount == 0 ? metric : null;
    }

    private PromCounter(String name, CounterDataPoint point) {
        this.name = name;
        this.metric = null;
        this.labelCount = 0;
        this.point = point;
    }

    @Override
    public Counter labels(String... values) {
        Labels.check(name, metric != null, labelCount, values);
        return new PromCounter(name, metric.labelValues(values));
    }

    @Override
    public void inc() {
        Labels.point(name, point, labelCount).inc();
    }

    @Override
    public void inc(double amount) {
        Labels.point(name, point, labelCount).inc(amount);
    }
}
