package edgebox.l2.plan;

import java.util.Map;

/**
 * The announcer's inputs as Config Admin holds them, each keyed by PID: its own VIPs and virtual routers, the
 * Cilium pools and announcement policies (flattened manifests), and the proxy's Gateways and Services (flattened
 * manifests, read, never written).
 */
public record Inputs(Map<String, Map<String, Object>> vips, Map<String, Map<String, Object>> routers,
        Map<String, Map<String, Object>> pools, Map<String, Map<String, Object>> policies,
        Map<String, Map<String, Object>> gateways, Map<String, Map<String, Object>> services) {

    public Inputs {
        vips = Map.copyOf(vips);
        routers = Map.copyOf(routers);
        pools = Map.copyOf(pools);
        policies = Map.copyOf(policies);
        gateways = Map.copyOf(gateways);
        services = Map.copyOf(services);
    }
}
