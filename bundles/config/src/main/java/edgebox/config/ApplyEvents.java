package edgebox.config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

import edgebox.api.config.ConfigProblem;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.config.apply.ConfigControl;
import edgebox.config.apply.EngineListener;
import edgebox.config.apply.StatusView;
import edgebox.config.health.ConfigMetrics;
import edgebox.config.manifest.ManifestPlanner;
import edgebox.config.model.Plan;

/**
 * What the apply thread reports: logs each change and each refusal once, counts them, and keeps the summary the
 * health check reads. Runs each step of the apply thread so that a failure is logged, never lost.
 */
final class ApplyEvents implements EngineListener {

    /** One piece of work for the apply thread. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private static final Logger LOG = System.getLogger("edgebox.config");

    private volatile ConfigMetrics metrics;
    private volatile ConfigControl.Summary summary = new ConfigControl.Summary(false, 0, 0, 0, null, 0);
    private volatile String lastRefusal;

    void run(Step step, StatusView view) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.ERROR, "edgebox.config: applying etc/ failed: " + e, e);
        }
        try {
            summary = view.summarize(lastRefusal);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "edgebox.config: cannot read Config Admin: " + e);
        }
    }

    ConfigControl.Summary summary() {
        return summary;
    }

    void metrics(MetricsRegistry registry, Supplier<ConfigControl.Summary> source) {
        metrics = registry == null ? null : new ConfigMetrics(registry, source);
    }

    void log(Level level, String message) {
        LOG.log(level, "edgebox.config: " + message);
    }

    @Override
    public void applied(String kind, Plan.Apply plan) {
        LOG.log(Level.INFO, "edgebox.config: applied " + plan.source() + ": " + plan.puts().size() + " written, "
                + plan.deletes().size() + " deleted"
                + (plan.unchecked().isEmpty() ? "" : " (unchecked: no metatype for " + plan.unchecked() + ")"));
        ConfigMetrics m = metrics;
        if (m != null) {
            m.applied(kind);
        }
    }

    @Override
    public void refused(String kind, String source, List<ConfigProblem> problems, boolean repeated) {
        lastRefusal = problems.get(0).toString();
        if (repeated) {
            return;
        }
        if (problems.stream().allMatch(p -> p.reason().startsWith(ManifestPlanner.NO_HANDLER))) {
            LOG.log(Level.INFO, "edgebox.config: " + source + " waits for the function that handles "
                    + problems.stream().map(p -> p.reason().substring(p.reason().lastIndexOf(": ") + 2)).distinct()
                            .toList() + "; it applies when that function is installed");
            return;
        }
        StringBuilder b = new StringBuilder("edgebox.config: refused ").append(source)
                .append(", the last good configuration stays:");
        problems.forEach(p -> b.append("\n  ").append(p));
        LOG.log(Level.WARNING, b.toString());
        ConfigMetrics m = metrics;
        if (m != null) {
            m.refused(kind);
        }
    }
}
