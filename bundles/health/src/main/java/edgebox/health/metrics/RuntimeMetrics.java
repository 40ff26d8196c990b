package edgebox.health.metrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import edgebox.health.readiness.BundleStatus;
import edgebox.health.readiness.ComponentStatus;
import edgebox.health.readiness.FunctionStatus;
import edgebox.health.readiness.ReadinessReport;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The runtime's own metrics, read at scrape time from the latest {@link ReadinessReport}: bundles and components by
 * state, function health, readiness, uptime and heap. Nothing is stored, so nothing goes stale.
 */
public final class RuntimeMetrics implements MultiCollector {

    static final List<String> NAMES = List.of("edgebox_bundles", "edgebox_components", "edgebox_function_up",
            "edgebox_ready", "edgebox_uptime_seconds", "edgebox_jvm_heap_used_bytes", "edgebox_jvm_heap_max_bytes");

    private final Supplier<ReadinessReport> report;
    private final LongSupplier uptimeMillis;

    public RuntimeMetrics(Supplier<ReadinessReport> report, LongSupplier uptimeMillis) {
        this.report = report;
        this.uptimeMillis = uptimeMillis;
    }

    @Override
    public List<String> getPrometheusNames() {
        return NAMES;
    }

    @Override
    public MetricSnapshots collect() {
        List<io.prometheus.metrics.model.snapshots.MetricSnapshot> out = new ArrayList<>();
        ReadinessReport r = report.get();
        if (r != null) {
            Map<BundleStatus.State, Integer> bundles = new EnumMap<>(BundleStatus.State.class);
            for (BundleStatus.State s : BundleStatus.State.values()) {
                bundles.put(s, 0);
            }
            r.inputs().bundles().forEach(b -> bundles.merge(b.state(), 1, Integer::sum));
            GaugeSnapshot.Builder b = gauge("edgebox_bundles", "Bundles by state");
            bundles.forEach((state, n) -> b.dataPoint(point(n, "state", state.name().toLowerCase())));
            out.add(b.build());

            Map<ComponentStatus.State, Integer> components = new EnumMap<>(ComponentStatus.State.class);
            for (ComponentStatus.State s : ComponentStatus.State.values()) {
                components.put(s, 0);
            }
            r.inputs().components().forEach(c -> components.merge(c.state(), 1, Integer::sum));
            GaugeSnapshot.Builder c = gauge("edgebox_components", "DS component configurations by state");
            components.forEach((state, n) -> c.dataPoint(point(n, "state", state.name().toLowerCase())));
            out.add(c.build());

            GaugeSnapshot.Builder f = gauge("edgebox_function_up", "1 when the function reports ready, else 0");
            for (FunctionStatus fs : r.inputs().functions()) {
                f.dataPoint(point(fs.health().ready() ? 1 : 0, "function", fs.function()));
            }
            out.add(f.build());
            out.add(gauge("edgebox_ready", "1 when the box is ready").dataPoint(point(r.ready() ? 1 : 0)).build());
        }
        Runtime rt = Runtime.getRuntime();
        out.add(gauge("edgebox_uptime_seconds", "Seconds since the process started")
                .dataPoint(point(uptimeMillis.getAsLong() / 1000.0)).build());
        out.add(gauge("edgebox_jvm_heap_used_bytes", "Heap in use")
                .dataPoint(point(rt.totalMemory() - rt.freeMemory())).build());
        out.add(gauge("edgebox_jvm_heap_max_bytes", "Largest heap the JVM will use")
                .dataPoint(point(rt.maxMemory())).build());
        return new MetricSnapshots(out);
    }

    private static GaugeSnapshot.Builder gauge(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeDataPointSnapshot point(double value, String... labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
    }
}
