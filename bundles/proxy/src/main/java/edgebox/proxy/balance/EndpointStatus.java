package edgebox.proxy.balance;

import java.net.InetSocketAddress;

/** One endpoint as its cluster's balancer sees it now, for consoles and metrics. */
public record EndpointStatus(String cluster, InetSocketAddress address, boolean ready, int inFlight, boolean ejected,
        int timesEjected, boolean healthy) {
}
