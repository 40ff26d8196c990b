package edgebox.proxy.route;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** The compiler's immutable output: what to bind and how to route there, with the status it computed. */
record CompiledSnapshot(long version, Map<InetSocketAddress, PortTable> ports, List<Cluster> clusters,
        Status status)
        implements ProxySnapshot {

    CompiledSnapshot {
        ports = Map.copyOf(ports);
        clusters = List.copyOf(clusters);
    }

    static CompiledSnapshot empty() {
        return new CompiledSnapshot(0, Map.of(), List.of(), Status.EMPTY);
    }
}
