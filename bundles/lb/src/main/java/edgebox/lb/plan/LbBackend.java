package edgebox.lb.plan;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * One backend of a virtual service: an endpoint address, the target port, its weight and whether it takes new
 * flows ({@link State#ACTIVE}), only keeps those it has ({@link State#DRAINING}), or fails its health check and
 * takes none ({@link State#FAILED}).
 */
public record LbBackend(InetAddress address, int port, int weight, State state) {

    public enum State {
        /** Ready and healthy: in the Maglev table. */
        ACTIVE,
        /** Terminating but serving: no new flows; its established flows stay until they end. */
        DRAINING,
        /** Down by its health check: no new flows, and its established flows move to an ACTIVE backend. */
        FAILED
    }

    public LbBackend {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
    }

    /** The backend's identity, "10.0.0.5:8080" or "[fd00:0:0:0:0:0:0:5]:8080", which seeds its Maglev slots. */
    public String id() {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
