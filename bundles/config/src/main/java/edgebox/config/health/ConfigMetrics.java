package edgebox.config.health;

import java.util.function.Supplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.config.apply.ConfigControl;

/** The config bundle's metrics: changes applied and refused by kind of source, configurations and refused files. */
public final class ConfigMetrics {

    private final Counter applied;
    private final Counter refused;

    public ConfigMetrics(MetricsRegistry registry, Supplier<ConfigControl.Summary> summary) {
        applied = registry.counter("edgebox_config_applied_total",
                "Files whose changes reached Config Admin, by kind of source (cfg, manifest)", "source");
        refused = registry.counter("edgebox_config_refused_total",
                "Files refused whole, by kind of source (cfg, manifest)", "source");
        registry.gauge("edgebox_config_configurations", "Configurations applied from etc/",
                () -> summary.get().configurations());
        registry.gauge("edgebox_config_refused_files", "Files refused now (their last good state keeps running)",
                () -> summary.get().refusedFiles());
    }

    public void applied(String kind) {
        applied.labels(kind).inc();
    }

    public void refused(String kind) {
        refused.labels(kind).inc();
    }
}
