package edgebox.lb.engine;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

import edgebox.api.net.Cidr;
import edgebox.api.packet.PortOptions;
import edgebox.lb.maglev.ConnectionTimeouts;
import edgebox.lb.neigh.NeighbourTiming;

/**
 * How the engine runs: connection-table entries per port and their idle timeouts, how ports are opened, the
 * routers that lead to backends on none of a port's subnets (per family, null for none) and the neighbour timing.
 */
public record EngineSettings(int connectionCapacity, ConnectionTimeouts timeouts, PortOptions portOptions,
        InetAddress router4, InetAddress router6, NeighbourTiming neighbours) {

    public static final int MAX_CONNECTIONS = 1 << 24;

    public static final EngineSettings DEFAULT = new EngineSettings(1 << 18, ConnectionTimeouts.DEFAULTS,
            PortOptions.DEFAULT, null, null, NeighbourTiming.DEFAULT);

    public EngineSettings {
        if (connectionCapacity < 1 || connectionCapacity > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("load balancer engine: connectionCapacity: must be 1.."
                    + MAX_CONNECTIONS + ", was " + connectionCapacity);
        }
        Objects.requireNonNull(timeouts, "load balancer engine: timeouts");
        Objects.requireNonNull(portOptions, "load balancer engine: portOptions");
        Objects.requireNonNull(neighbours, "load balancer engine: neighbours");
        if (router4 != null && !(router4 instanceof Inet4Address)) {
            throw new IllegalArgumentException("load balancer engine: router4: " + Cidr.text(router4)
                    + " is not an IPv4 address");
        }
        if (router6 != null && !(router6 instanceof Inet6Address)) {
            throw new IllegalArgumentException("load balancer engine: router6: " + Cidr.text(router6)
                    + " is not an IPv6 address");
        }
    }
}
