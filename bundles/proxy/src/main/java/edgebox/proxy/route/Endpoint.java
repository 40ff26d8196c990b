package edgebox.proxy.route;

import java.net.InetSocketAddress;

/** One backend address from an EndpointSlice; only ready endpoints are routed to, serving ones while draining. */
public record Endpoint(InetSocketAddress address, boolean ready, boolean serving) {
}
