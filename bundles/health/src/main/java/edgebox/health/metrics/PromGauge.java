package edgebox.health.metrics;

import edgebox.api.metrics.Gauge;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/** A gauge, or one labelled child of it. */
final class PromGauge implements Gauge {

    private final String name;
    private final io.prometheus.metrics.core.metrics.Gauge metric;
    private final GaugeDataPoint point;
    private final int labelCount;

    PromGauge(String name, io.prometheus.metrics.core.metrics.Gauge metric, int labelCount) {
        this.name = name;
        this.metric = metric;
        this.labelCount = labelCount;
        this.point = labelCount == 0 ? metric : null;
    }

    private PromGauge(String name, GaugeDataPoint point) {
        this.name = name;
        this.metric = null;
        this.labelCount = 0;
        this.point = point;
    }

    @Override
    public Gauge labels(String... values) {
        Labels.check(name, metric != null, labelCount, values);
        return new PromGauge(name, metric.labelValues(values));
    }

    @Override
    public void set(double value) {
        Labels.point(name, point, labelCount).set(value);
    }

    @Override
    public void inc() {
        Labels.point(name, point, labelCount).inc();
    }

    @Override
    public void dec() {
        Labels.point(name, point, labelCount).dec();
    }
}
