package edgebox.config.health;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import edgebox.api.metrics.MetricsRegistry;
import edgebox.config.history.CommitConfirm;
import edgebox.config.history.ConfigHistory;

/** The history's metrics: the revision in force, and the time left before an unconfirmed commit-confirm rolls back. */
public final class HistoryMetrics {

    private HistoryMetrics() {
    }

    /** The suppliers give {@code null} while the config bundle is not active. */
    public static void register(MetricsRegistry registry, Supplier<ConfigHistory> history,
            Supplier<CommitConfirm> commitConfirm, Clock clock) {
        registry.gauge("edgebox_config_revision", "The number of the configuration revision in force (config:history)",
                () -> {
                    ConfigHistory h = history.get();
                    return h == null ? 0 : h.latestNumber();
                });
        registry.gauge("edgebox_config_commit_confirm_seconds",
                "Seconds before an unconfirmed config:commit-confirm rolls back; 0 when none is in force", () -> {
                    CommitConfirm c = commitConfirm.get();
                    return c == null ? 0 : c.current().map(p -> Math.max(0,
                            Duration.between(clock.instant(), p.deadline()).toMillis() / 1000.0)).orElse(0.0);
                });
    }
}
