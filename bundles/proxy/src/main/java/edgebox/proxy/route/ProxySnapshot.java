package edgebox.proxy.route;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The whole compiled configuration the data path reads: built from Gateways, routes, Services, EndpointSlices
 * and ReferenceGrants, never changed after it is built, swapped whole. {@code ports} is what must be bound.
 */
public interface ProxySnapshot {

    long version();

    Map<InetSocketAddress, PortTable> ports();

    /** Every resolved backend cluster routes refer to, once each (for balancer state and health checks). */
    default List<Cluster> clusters() {
        return List.of();
    }

    /** What the compiler made of each Gateway and route (for the console); empty when not compiled. */
    default Status status() {
        return Status.EMPTY;
    }
}
