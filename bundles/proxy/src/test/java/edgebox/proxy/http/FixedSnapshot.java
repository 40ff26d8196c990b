package edgebox.proxy.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;

/**
 * A one-port snapshot whose routing is a function, for the data plane's tests: plain HTTP, or HTTPS terminated with
 * the certificate {@code ns/cert} for any server name when {@code tls}.
 */
record FixedSnapshot(InetSocketAddress address, boolean tls, Function<RequestHead, RouteDecision> routing)
        implements ProxySnapshot, PortTable {

    static final String CERT_REF = "ns/cert";

    @Override
    public long version() {
        return 1;
    }

    @Override
    public Map<InetSocketAddress, PortTable> ports() {
        return Map.of(address, this);
    }

    @Override
    public List<ListenerInfo> listeners() {
        return List.of(tls
                ? new ListenerInfo("test/gw", "https", address.getPort(), ListenerInfo.Protocol.HTTPS, "",
                        ListenerInfo.TlsMode.TERMINATE, List.of(CERT_REF))
                : new ListenerInfo("test/gw", "http", address.getPort(), ListenerInfo.Protocol.HTTP, "",
                        ListenerInfo.TlsMode.NONE, List.of()));
    }

    @Override
    public ListenerInfo tlsListener(String sni) {
        return tls ? listeners().get(0) : null;
    }

    @Override
    public RouteDecision passthrough(ListenerInfo listener, String sni) {
        return new RouteDecision.Respond(500, "no passthrough");
    }

    @Override
    public RouteDecision route(ListenerInfo listener, RequestHead request) {
        return routing.apply(request);
    }
}
