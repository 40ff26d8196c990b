package edgebox.config.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.config.health.HistoryMetrics;

class HistoryMetricsTest {

    @TempDir
    Path home;

    /** Keeps the gauges read on scrape. */
    static final class Gauges implements MetricsRegistry {
        final Map<String, DoubleSupplier> read = new HashMap<>();

        @Override
        public void gauge(String name, String help, DoubleSupplier value) {
            read.put(name, value);
        }

        @Override
        public Counter counter(String name, String help, String... labelNames) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Gauge gauge(String name, String help, String... labelNames) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void revisionInForceAndTimeLeftOnProbation() throws Exception {
        Gauges gauges = new Gauges();
        Box[] box = new Box[1];
        CommitConfirm[] confirm = new CommitConfirm[1];
        HistoryMetrics.register(gauges, () -> box[0] == null ? null : box[0].history, () -> confirm[0],
                Clock.systemUTC());
        assertEquals(0, gauges.read.get("edgebox_config_revision").getAsDouble(), "not active yet");
        assertEquals(0, gauges.read.get("edgebox_config_commit_confirm_seconds").getAsDouble());

        Box.seed(home, "etc/edgebox.health.cfg", "port = 1\n");
        box[0] = new Box(home, 200);
        box[0].edit("etc/edgebox.health.cfg", "port = 2\n");
        assertEquals(2, gauges.read.get("edgebox_config_revision").getAsDouble());

        confirm[0] = new CommitConfirm(home.resolve("data/config/commit-confirm.properties"), box[0].history,
                Clock.systemUTC(), task -> { });
        try {
            confirm[0].arm(Duration.ofMinutes(1), "operator");
            double left = gauges.read.get("edgebox_config_commit_confirm_seconds").getAsDouble();
            assertTrue(left > 50 && left <= 60, "seconds left: " + left);
        } finally {
            confirm[0].close();
        }
    }
}
