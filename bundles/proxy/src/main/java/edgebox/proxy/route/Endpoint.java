package edgebox.proxy.route;

import java.net.InetSocketAddress;

/**
 * One backend address from an EndpointSlice; only ready endpoints are routed to, serving ones while draining.
 * {@code number} is the address read once for the policy decision point (null when it is not resolved).
 */
public record Endpoint(InetSocketAddress address, boolean ready, boolean serving, AddressNumber number) {

    public Endpoint(InetSocketAddress address, boolean ready, boolean serving) {
        this(address, ready, serving, AddressNumber.of(address.getAddress()));
    }
}
