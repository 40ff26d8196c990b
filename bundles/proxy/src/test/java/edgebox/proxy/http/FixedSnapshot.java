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

/** A one-port plain-HTTP snapshot whose routing is a function, for the data plane's tests. */
record FixedSnapshot(InetSocketAddress address, Function<RequestHead, RouteDecision> routing)
        implements ProxySnapshot, PortTable {

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
        return List.of(new ListenerInfo("test/gw", "http", address.getPort(), ListenerInfo.Protocol.HTTP, "",
                ListenerInfo.TlsMode.NONE, List.of()));
    }

    @Override
    public boolean tls() {
        return false;
    }

    @Override
    public ListenerInfo tlsListener(String sni) {
        return null;
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
