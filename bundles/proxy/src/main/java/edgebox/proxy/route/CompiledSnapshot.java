package edgebox.proxy.route;

import java.net.InetSocketAddress;
import java.util.Map;

/** The compiler's immutable output: what to bind and how to route there, with the status it computed. */
record CompiledSnapshot(long version, Map<InetSocketAddress, PortTable> ports, Status status)
        implements ProxySnapshot {

    CompiledSnapshot {
        ports = Map.copyOf(ports);
    }

    static CompiledSnapshot empty() {
        return new CompiledSnapshot(0, Map.of(), Status.EMPTY);
    }
}
