package edgebox.lb.engine;

import java.util.List;
import java.util.Map;

import edgebox.api.packet.PortStats;
import edgebox.lb.path.Drop;
import edgebox.lb.plan.VipKey;

/**
 * What the engine did, summed over its ports: per virtual service and backend the packets and bytes forwarded,
 * the backend's neighbour, the flows held and its share of the Maglev table; drops by reason; table rebuilds; and
 * per port its counters and errors.
 */
public record EngineStatus(long planVersion, long tableRebuilds, List<ServiceStatus> services, Map<Drop, Long> drops,
        List<PortStatus> ports) {

    public EngineStatus {
        services = List.copyOf(services);
        drops = Map.copyOf(drops);
        ports = List.copyOf(ports);
    }

    public record ServiceStatus(VipKey key, String service, long packets, long bytes, List<BackendStatus> backends) {
        public ServiceStatus {
            backends = List.copyOf(backends);
        }
    }

    /**
     * @param neighbour the MAC frames go to ("02:00:00:00:00:b1", with " via ROUTER" when tunnelled), or
     *                  "unresolved"
     * @param tableShare the fraction of the service's Maglev slots the backend holds (0 unless ACTIVE)
     */
    public record BackendStatus(String id, String state, long packets, long bytes, String neighbour, long flows,
            double tableShare) {
    }

    /**
     * @param stats   the port's own counters; null when it did not open
     * @param error   the last error opening, reading or filtering, or null
     * @param answered false when the port's thread did not answer in time (its numbers are then zero)
     */
    public record PortStatus(String name, PortStats stats, int connections, long evictions, long expirations,
            long neighbourQuestions, long neighbourGiveUps, long errors, String error, boolean answered) {
    }
}
