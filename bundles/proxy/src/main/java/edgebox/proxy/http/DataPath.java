package edgebox.proxy.http;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.proxy.balance.BalancerRegistry;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.upstream.UpstreamPools;

/**
 * What every downstream handler shares: limits, the latest snapshot, upstream pools, balancers, the policy
 * decision point (may be absent), HTTP-01 tokens, connections, access log and metrics. Built by the component,
 * immutable apart from the suppliers it reads through.
 */
public final class DataPath {

    private static final Logger LOG = System.getLogger("edgebox.proxy");

    final Limits limits;
    final Supplier<ProxySnapshot> snapshot;
    final UpstreamPools pools;
    final BalancerRegistry balancers;
    final Supplier<PolicyDecisionPoint> policy;
    final AcmeTokens acme;
    final Connections connections;
    final AccessLog accessLog;
    final ProxyMetrics metrics;
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();

    public DataPath(Limits limits, Supplier<ProxySnapshot> snapshot, UpstreamPools pools, BalancerRegistry balancers,
            Supplier<PolicyDecisionPoint> policy, AcmeTokens acme, Connections connections, AccessLog accessLog,
            ProxyMetrics metrics) {
        this.limits = limits;
        this.snapshot = snapshot;
        this.pools = pools;
        this.balancers = balancers;
        this.policy = policy;
        this.acme = acme;
        this.connections = connections;
        this.accessLog = accessLog;
        this.metrics = metrics;
    }

    PortTable table(InetSocketAddress bound) {
        return snapshot.get().ports().get(bound);
    }

    /** Counts a refusal by reason and logs the first of each reason and cause, naming the peer. */
    void refused(String reason, String cause, Object peer) {
        if (metrics != null) {
            metrics.refused(reason);
        }
        if (loggedRefusals.size() < 1000 && loggedRefusals.add(reason + "|" + cause)) {
            LOG.log(Level.INFO, "edgebox.proxy: refused (" + reason + "): " + cause + " (" + peer
                    + "); further refusals for this cause are only counted");
        }
    }
}
