package edgebox.proxy.balance;

import java.net.InetSocketAddress;

/**
 * One endpoint as its cluster's balancer sees it now, for consoles and metrics: {@code connections} open to its
 * address and requests {@code waiting} for one (over all clusters that share the address).
 */
public record EndpointStatus(String cluster, InetSocketAddress address, boolean ready, int inFlight, boolean ejected,
        int timesEjected, boolean healthy, int connections, int waiting) {
}
