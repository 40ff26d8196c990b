package edgebox.proxy.balance;

import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;

/**
 * Chooses the endpoint of one cluster for each request, and learns from how requests end. One instance per cluster
 * name (from {@link BalancerRegistry#balancer(String)}); safe to call from any number of event loops at once.
 */
public interface Balancer {

    /**
     * The endpoint for the next request: among the ready endpoints that are neither ejected nor failing active
     * health checks, by the cluster's policy. When fewer than the panic threshold's share of the ready endpoints are
     * healthy, among all ready endpoints (as Envoy does). {@code null} when the cluster has no ready endpoint (or none
     * healthy with panic off).
     */
    Endpoint pick(Cluster cluster);

    /** A request (or a connection attempt for it) to {@code endpoint} begins: counts it in flight. */
    void started(Endpoint endpoint);

    /**
     * The request to {@code endpoint} ended. {@code success} is false on a connect failure, a reset or a 5xx answer
     * from the backend: consecutive failures eject the endpoint for a while.
     */
    void finished(Endpoint endpoint, boolean success);
}
