package edgebox.lb.plan;

import java.net.InetAddress;

/**
 * Whether a backend address:port passes its health checks, as the plan compiler asks it. A backend that does not
 * is compiled {@link LbBackend.State#FAILED}.
 */
@FunctionalInterface
public interface BackendHealth {

    /** Every backend healthy: the plan as the snapshot alone gives it. */
    BackendHealth ALL_HEALTHY = (address, port) -> true;

    boolean healthy(InetAddress address, int port);
}
