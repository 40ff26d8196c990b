package edgebox.health.metrics;

import edgebox.api.metrics.Histogram;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;

/** A histogram, or one labelled child of it. */
final class PromHistogram implements Histogram {

    private final String name;
    private final io.prometheus.metrics.core.metrics.Histogram metric;
    private final DistributionDataPoint point;
    private final int labelCount;

    PromHistogram(String name, io.prometheus.metrics.core.metrics.Histogram metric, int labelCount) {
        this.name = name;
        this.metric = metric;
        this.labelCount = labelCount;
        this.point = labelCount == 0 ? metric : null;
    }

    private PromHistogram(String name, DistributionDataPoint point) {
        this.name = name;
        this.metric = null;
        this.labelCount = 0;
        this.point = point;
    }

    @Override
    public Histogram labels(String... values) {
        Labels.check(name, metric != null, labelCount, values);
        return new PromHistogram(name, metric.labelValues(values));
    }

    @Override
    public void observe(double value) {
        Labels.point(name, point, labelCount).observe(value);
    }
}
