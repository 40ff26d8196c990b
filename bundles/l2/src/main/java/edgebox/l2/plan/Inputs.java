package edgebox.l2.plan;

import java.util.List;

import edgebox.l2.vrrp.RouterSettings;

/**
 * The announcer's own configurations, each parsed when it arrived: its VIPs and virtual routers and the
 * CiliumL2AnnouncementPolicies, in PID order; {@code refused} says which configurations were refused and why.
 */
public record Inputs(List<Announcement> vips, List<RouterSettings> routers, List<Policy> policies,
        List<String> refused) {

    public Inputs {
        vips = List.copyOf(vips);
        routers = List.copyOf(routers);
        policies = List.copyOf(policies);
        refused = List.copyOf(refused);
    }
}
