package edgebox.lb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.packet.PortStats;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.EngineStatus.BackendStatus;
import edgebox.lb.engine.EngineStatus.PortStatus;
import edgebox.lb.engine.EngineStatus.ServiceStatus;
import edgebox.lb.path.Drop;
import edgebox.lb.plan.Protocol;
import edgebox.lb.plan.VipKey;

/** The engine's running totals become counter increments: each export adds what is new, a restart starts over. */
class LbMetricsTest {

    private final Recorder registry = new Recorder();
    private EngineStatus status = status(0, 0, 0, 0, 0, 0);
    private final LbMetrics metrics = new LbMetrics(registry, () -> status);

    @Test
    void eachExportAddsTheDeltaSinceTheLast() {
        status = status(10, 1000, 7, 3, 2, 40);
        metrics.export();
        assertEquals(10.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        assertEquals(1000.0, registry.value("edgebox_lb_service_bytes_total{10.0.0.1:80/TCP}"));
        assertEquals(7.0, registry.value("edgebox_lb_backend_packets_total{10.0.0.1:80/TCP,10.1.0.1:80}"));
        assertEquals(3.0, registry.value("edgebox_lb_backend_packets_total{10.0.0.1:80/TCP,10.1.0.2:80}"));
        assertEquals(2.0, registry.value("edgebox_lb_drops_total{no_backend}"));
        assertEquals(1.0, registry.value("edgebox_lb_table_rebuilds_total{}"));
        assertEquals(40.0, registry.value("edgebox_lb_connections{eth0}"));

        status = status(25, 2500, 17, 8, 2, 35);
        metrics.export();
        assertEquals(25.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        assertEquals(2500.0, registry.value("edgebox_lb_service_bytes_total{10.0.0.1:80/TCP}"));
        assertEquals(17.0, registry.value("edgebox_lb_backend_packets_total{10.0.0.1:80/TCP,10.1.0.1:80}"));
        assertEquals(2.0, registry.value("edgebox_lb_drops_total{no_backend}"), "no new drops, nothing added");
        assertEquals(35.0, registry.value("edgebox_lb_connections{eth0}"), "a gauge is set, not added");
        assertEquals(List.of(), registry.negative, "counters never go down");
    }

    @Test
    void anEngineRestartCountsFromZeroAgain() {
        status = status(100, 10_000, 60, 40, 5, 10);
        metrics.export();
        metrics.engineRestarted();
        status = status(4, 400, 3, 1, 1, 2);
        metrics.export();
        assertEquals(104.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        assertEquals(10_400.0, registry.value("edgebox_lb_service_bytes_total{10.0.0.1:80/TCP}"));
        assertEquals(63.0, registry.value("edgebox_lb_backend_packets_total{10.0.0.1:80/TCP,10.1.0.1:80}"));
        assertEquals(6.0, registry.value("edgebox_lb_drops_total{no_backend}"));
        assertEquals(2.0, registry.value("edgebox_lb_table_rebuilds_total{}"));
        status = status(6, 600, 4, 2, 1, 2);
        metrics.export();
        assertEquals(106.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        assertEquals(List.of(), registry.negative);
    }

    @Test
    void aRestartedEngineThatCountedMoreThanTheOldOneStillCountsFromZero() {
        status = status(5, 500, 3, 2, 0, 1);
        metrics.export();
        metrics.engineRestarted();
        status = status(8, 800, 4, 4, 0, 1);
        metrics.export();
        assertEquals(13.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
    }

    @Test
    void aPortThatDoesNotAnswerDefersTheExport() {
        status = status(100, 10_000, 60, 40, 5, 40);
        metrics.export();
        status = withPort(status(0, 0, 0, 0, 0, 0), new PortStatus("eth0", new PortStats(100, 0, 100, 0), 0, 0, 0,
                0, 0, 0, null, false));
        metrics.export();
        assertEquals(100.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        assertEquals(40.0, registry.value("edgebox_lb_connections{eth0}"));
        status = status(110, 11_000, 66, 44, 5, 41);
        metrics.export();
        assertEquals(110.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"),
                "its sums are missing nothing once it answers");
        assertEquals(2.0, registry.value("edgebox_lb_connection_evictions_total{eth0}"));
        assertEquals(41.0, registry.value("edgebox_lb_connections{eth0}"));
    }

    @Test
    void aClosedPortsPartOfTheSumsIsNotCountedAgain() {
        status = status(150, 15_000, 90, 60, 5, 40);
        metrics.export();
        status = status(100, 10_000, 60, 40, 5, 40);
        metrics.export();
        assertEquals(150.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        status = status(120, 12_000, 70, 50, 5, 40);
        metrics.export();
        assertEquals(170.0, registry.value("edgebox_lb_service_packets_total{10.0.0.1:80/TCP}"));
        assertEquals(100.0, registry.value("edgebox_lb_backend_packets_total{10.0.0.1:80/TCP,10.1.0.1:80}"));
    }

    @Test
    void aPortOpenedAgainCountsItsEvictionsFromZero() {
        status = withPort(status(0, 0, 0, 0, 0, 0), port(5));
        metrics.export();
        status = withPort(status(0, 0, 0, 0, 0, 0), port(1));
        metrics.export();
        assertEquals(6.0, registry.value("edgebox_lb_connection_evictions_total{eth0}"));
    }

    @Test
    void aPortThatDidNotOpenHasNoNumbers() {
        status = withPort(status(0, 0, 0, 0, 0, 0), new PortStatus("eth9", null, 0, 0, 0, 0, 0, 1,
                "no such interface", false));
        metrics.export();
        assertEquals(List.of(), registry.values.keySet().stream().filter(k -> k.contains("eth9")).toList());
    }

    private static PortStatus port(long evictions) {
        return new PortStatus("eth0", new PortStats(0, 0, 0, 0), 0, evictions, 0, 0, 0, 0, null, true);
    }

    private static EngineStatus withPort(EngineStatus s, PortStatus port) {
        return new EngineStatus(s.planVersion(), s.tableRebuilds(), s.services(), s.drops(), List.of(port));
    }

    /** One service with two backends on one port; evictions follow the connections for simplicity. */
    private static EngineStatus status(long packets, long bytes, long first, long second, long noBackend,
            int connections) {
        VipKey key = new VipKey(address("10.0.0.1"), 80, Protocol.TCP);
        ServiceStatus service = new ServiceStatus(key, "shop/web", packets, bytes, List.of(
                new BackendStatus("10.1.0.1:80", "ACTIVE", first, first * 100, "02:00:00:00:00:01", 1, 0.5),
                new BackendStatus("10.1.0.2:80", "ACTIVE", second, second * 100, "02:00:00:00:00:02", 1, 0.5)));
        PortStatus port = new PortStatus("eth0", new PortStats(packets, 0, packets, 0), connections, 2, 0, 0, 0, 0,
                null, true);
        return new EngineStatus(1, 1, List.of(service), Map.of(Drop.NO_BACKEND, noBackend, Drop.TRUNCATED, 0L),
                List.of(port));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A registry that keeps each child's value under {@code name{label,label}}. */
    private static final class Recorder implements MetricsRegistry {

        final Map<String, Double> values = new TreeMap<>();
        final List<String> negative = new java.util.ArrayList<>();

        double value(String key) {
            return values.getOrDefault(key, 0.0);
        }

        @Override
        public Counter counter(String name, String help, String... labelNames) {
            return new Child(name, "");
        }

        @Override
        public Gauge gauge(String name, String help, String... labelNames) {
            return new Child(name, "");
        }

        @Override
        public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void gauge(String name, String help, DoubleSupplier value) {
        }

        private final class Child implements Counter, Gauge {

            private final String key;

            Child(String name, String labels) {
                this.key = name + "{" + labels + "}";
            }

            @Override
            public Child labels(String... labelValues) {
                return new Child(key.substring(0, key.indexOf('{')), String.join(",", labelValues));
            }

            @Override
            public void inc() {
                inc(1);
            }

            @Override
            public void inc(double amount) {
                if (amount < 0) {
                    negative.add(key + " " + amount);
                }
                values.merge(key, amount, Double::sum);
            }

            @Override
            public void set(double value) {
                values.put(key, value);
            }

            @Override
            public void dec() {
                values.merge(key, -1.0, Double::sum);
            }
        }
    }
}
