package edgebox.lb.ops;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.engine.EngineStatus.BackendStatus;
import edgebox.lb.engine.EngineStatus.PortStatus;
import edgebox.lb.engine.EngineStatus.ServiceStatus;

/**
 * The load balancer's Prometheus metrics, brought up to date from the engine's own counters once a second (the
 * data path counts in plain fields of its threads, never in shared metrics): packets and bytes per virtual service
 * and per backend, drops by reason, table rebuilds, connection-table size and evictions per interface.
 */
public final class LbMetrics {

    private final Supplier<EngineStatus> status;
    private final Counter servicePackets;
    private final Counter serviceBytes;
    private final Counter backendPackets;
    private final Counter backendBytes;
    private final Counter drops;
    private final Counter rebuilds;
    private final Counter evictions;
    private final Gauge connections;
    private final Map<String, Long> seen = new HashMap<>();
    private boolean restarted;

    public LbMetrics(MetricsRegistry registry, Supplier<EngineStatus> status) {
        this.status = status;
        servicePackets = registry.counter("edgebox_lb_service_packets_total",
                "Frames forwarded to a virtual service's backends", "service");
        serviceBytes = registry.counter("edgebox_lb_service_bytes_total",
                "Bytes of the frames forwarded to a virtual service's backends", "service");
        backendPackets = registry.counter("edgebox_lb_backend_packets_total", "Frames forwarded to a backend",
                "service", "backend");
        backendBytes = registry.counter("edgebox_lb_backend_bytes_total", "Bytes forwarded to a backend", "service",
                "backend");
        drops = registry.counter("edgebox_lb_drops_total", "Frames not forwarded, by reason", "reason");
        rebuilds = registry.counter("edgebox_lb_table_rebuilds_total", "Forwarding tables built and installed");
        evictions = registry.counter("edgebox_lb_connection_evictions_total",
                "Flows the connection table dropped for room before they went idle", "interface");
        connections = registry.gauge("edgebox_lb_connections", "Flows the connection table holds", "interface");
    }

    /** Says that the engine was replaced: the next {@link #export} adds all the new one counted. Same thread as it. */
    public void engineRestarted() {
        restarted = true;
    }

    /**
     * Adds what the engine counted since the last call. Skipped while an open port does not answer, as the sums
     * then lack its part. A sum that went down without a restart lost a closed port's part: it adds nothing and
     * counts on from there. A port's own counter that went down belongs to a port opened again: all of it is new.
     */
    public void export() {
        EngineStatus now = status.get();
        if (now.ports().stream().anyMatch(p -> p.stats() != null && !p.answered())) {
            return;
        }
        for (ServiceStatus s : now.services()) {
            String service = s.key().toString();
            add(servicePackets, "sp", s.packets(), false, service);
            add(serviceBytes, "sb", s.bytes(), false, service);
            for (BackendStatus b : s.backends()) {
                add(backendPackets, "bp", b.packets(), false, service, b.id());
                add(backendBytes, "bb", b.bytes(), false, service, b.id());
            }
        }
        now.drops().forEach((reason, count) -> add(drops, "d", count, false,
                reason.name().toLowerCase(Locale.ROOT)));
        add(rebuilds, "r", now.tableRebuilds(), false);
        for (PortStatus p : now.ports()) {
            if (p.answered()) {
                add(evictions, "e", p.evictions(), true, p.name());
                connections.labels(p.name()).set(p.connections());
            }
        }
        restarted = false;
    }

    /** {@code fromZero}: a total below the last one started again from zero, rather than lost a part. */
    private void add(Counter counter, String kind, long total, boolean fromZero, String... labels) {
        String key = kind + "\0" + String.join("\0", labels);
        Long before = seen.put(key, total);
        long delta = before == null || restarted ? total : total >= before ? total - before : fromZero ? total : 0;
        if (delta > 0) {
            (labels.length == 0 ? counter : counter.labels(labels)).inc(delta);
        }
    }
}
