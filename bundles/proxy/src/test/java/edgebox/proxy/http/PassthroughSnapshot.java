package edgebox.proxy.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.ListenerInfo;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;

/** A one-port snapshot with one TLS passthrough listener whose TLSRoute sends every server name to {@code cluster}. */
record PassthroughSnapshot(InetSocketAddress address, Cluster cluster) implements ProxySnapshot, PortTable {

    static final String ROUTE = "TLSRoute test/pass";

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
        return List.of(new ListenerInfo("test/gw", "pass", address.getPort(), ListenerInfo.Protocol.TLS, "",
                ListenerInfo.TlsMode.PASSTHROUGH, List.of()));
    }

    @Override
    public boolean tls() {
        return true;
    }

    @Override
    public ListenerInfo tlsListener(String sni) {
        return listeners().get(0);
    }

    @Override
    public RouteDecision passthrough(ListenerInfo listener, String sni) {
        return new RouteDecision.Passthrough(ROUTE,
                new RouteDecision.WeightedClusters(List.of(cluster), new int[] {1}));
    }

    @Override
    public RouteDecision route(ListenerInfo listener, RequestHead request) {
        throw new UnsupportedOperationException("no HTTP on a passthrough port");
    }
}
