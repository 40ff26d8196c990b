package edgebox.lb.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;

/**
 * What the load balancer serves, compiled from one objects snapshot: the virtual services keyed by
 * VIP:port/protocol, the problems found, and the snapshot's version. Immutable.
 */
public final class LbPlan {

    public static final LbPlan EMPTY = new LbPlan(0, List.of(), List.of());

    private final long version;
    private final List<VirtualService> services;
    private final Map<VipKey, VirtualService> byKey;
    private final List<ConfigProblem> problems;

    LbPlan(long version, List<VirtualService> services, List<ConfigProblem> problems) {
        this.version = version;
        Map<VipKey, VirtualService> byKey = new HashMap<>();
        for (VirtualService s : services) {
            if (byKey.putIfAbsent(s.key(), s) != null) {
                throw new IllegalArgumentException("load balancer plan: " + s.key() + " is listed twice");
            }
        }
        this.services = List.copyOf(services);
        this.byKey = Map.copyOf(byKey);
        this.problems = List.copyOf(problems);
    }

    public long version() {
        return version;
    }

    /** The virtual services in the order of their Services (oldest first), then ports, then addresses. */
    public List<VirtualService> services() {
        return services;
    }

    /** The virtual service on this VIP:port/protocol, or null. */
    public VirtualService service(VipKey key) {
        return byKey.get(key);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
