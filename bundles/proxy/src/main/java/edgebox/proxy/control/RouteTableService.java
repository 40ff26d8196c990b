package edgebox.proxy.control;

import java.util.List;

import edgebox.api.route.RouteHostname;
import edgebox.api.route.RouteTable;

/** The RouteTable the proxy registers: the hostnames of the last compile, swapped whole. */
public final class RouteTableService implements RouteTable {

    private volatile List<RouteHostname> hostnames = List.of();
    private long version;

    @Override
    public List<RouteHostname> hostnames() {
        return hostnames;
    }

    /** Swaps the list; returns the new version, or -1 when nothing changed. */
    public synchronized long update(List<RouteHostname> next) {
        if (next.equals(hostnames)) {
            return -1;
        }
        hostnames = List.copyOf(next);
        return ++version;
    }

    public synchronized long version() {
        return version;
    }
}
