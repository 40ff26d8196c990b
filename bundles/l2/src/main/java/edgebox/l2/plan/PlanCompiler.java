package edgebox.l2.plan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.net.Cidr;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.l2.vrrp.RouterSettings;

/**
 * Compiles the announcer's configurations and the objects snapshot into a {@link L2Plan}: which VIPs, on which
 * interfaces, under which virtual router. A bad input is left out with its problem; the rest still compiles.
 *
 * <p>Cilium's semantics where it has them: the IPs of the Gateways the box serves ({@code spec.addresses}) and of
 * LoadBalancer Services (as the objects snapshot derived them: asked for, else allocated from a pool) are
 * announced, and so are the Services' externalIPs; when announcement policies exist, an IP is announced only if a
 * policy selects its Service (or Gateway) and allows its kind (loadBalancerIPs, externalIPs), on the policy's
 * interfaces. Without policies every LoadBalancer and Gateway IP is announced on the {@code edgebox.l2}
 * interfaces.
 */
public final class PlanCompiler {

    private PlanCompiler() {
    }

    public static L2Plan compile(long version, L2Settings settings, Inputs in, ObjectSnapshot objects) {
        List<String> problems = new ArrayList<>(in.refused());
        List<RouterSettings> routers = routers(in.routers(), problems);
        Map<InetAddress, Draft> drafts = new LinkedHashMap<>();

        for (Announcement a : in.vips()) {
            add(drafts, a.address(), a.interfaces() != null ? a.interfaces() : defaults(settings), a.sources());
        }
        for (Claimant c : Claimant.of(objects)) {
            for (InetAddress ip : c.loadBalancerIps()) {
                String where = interfaces(settings, in.policies(), c, true);
                if (where != null) {
                    add(drafts, ip, where, List.of(c.display()), !c.forwarded());
                }
            }
            for (InetAddress ip : c.externalIps()) {
                String where = interfaces(settings, in.policies(), c, false);
                if (where != null) {
                    add(drafts, ip, where, List.of(c.display() + " (externalIPs)"), !c.forwarded());
                }
            }
        }
        for (RouterSettings r : routers) {
            for (InetAddress a : r.addresses()) {
                add(drafts, a, r.interfaceName(), List.of(VipsAndRouters.VRRP_PID + "~" + r.name()));
            }
        }
        List<Announcement> out = new ArrayList<>();
        for (Map.Entry<InetAddress, Draft> e : drafts.entrySet()) {
            RouterSettings router = null;
            for (RouterSettings r : routers) {
                if (r.covers(e.getKey())) {
                    if (router == null) {
                        router = r;
                    } else {
                        problems.add(Cidr.text(e.getKey()) + ": claimed by VRRP routers " + router.name()
                                + " and " + r.name() + "; " + router.name() + " decides");
                    }
                }
            }
            String iface = router != null ? router.interfaceName() : e.getValue().interfaces;
            if (iface == null) {
                problems.add(Cidr.text(e.getKey()) + " (" + String.join(", ", e.getValue().sources)
                        + "): no interface to announce it on; set edgebox.l2 interfaces or the VIP's interface");
            }
            out.add(new Announcement(e.getKey(), iface, router == null ? null : router.name(), e.getValue().sources,
                    e.getValue().served));
        }
        return new L2Plan(version, out, routers, problems);
    }

    /** The routers in PID order; one reusing an earlier one's VRID on its interface and family is left out. */
    private static List<RouterSettings> routers(List<RouterSettings> configured, List<String> problems) {
        List<RouterSettings> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (RouterSettings r : configured) {
            String key = r.interfaceName() + "/" + r.vrid() + "/" + (r.ipv4() ? "4" : "6");
            if (taken.add(key)) {
                out.add(r);
            } else {
                problems.add(VipsAndRouters.VRRP_PID + "~" + r.name() + ": vrid: " + r.vrid() + " is already used on "
                        + r.interfaceName() + " for this address family; left out");
            }
        }
        return out;
    }

    /** The interfaces an IP of {@code c} is announced on, or null when no policy lets it be announced. */
    private static String interfaces(L2Settings settings, List<Policy> policies, Claimant c, boolean lb) {
        if (policies.isEmpty()) {
            return defaults(settings);
        }
        List<String> regexes = new ArrayList<>();
        boolean selected = false;
        for (Policy p : policies) {
            if ((lb ? p.loadBalancerIps() : p.externalIps()) && p.selector().matches(c.labels())) {
                selected = true;
                if (p.interfaces().isEmpty()) {
                    String d = defaults(settings);
                    if (d != null) {
                        regexes.add(d);
                    }
                } else {
                    regexes.addAll(p.interfaces());
                }
            }
        }
        if (!selected) {
            return null;
        }
        return regexes.isEmpty() ? null : regexes.stream().distinct().map(r -> "(?:" + r + ")")
                .reduce((a, b) -> a + "|" + b).orElseThrow();
    }

    private static String defaults(L2Settings settings) {
        return settings.interfaces() == null ? null : settings.interfaces().pattern();
    }

    private static final class Draft {
        String interfaces;
        final List<String> sources = new ArrayList<>();
        boolean served;
    }

    private static void add(Map<InetAddress, Draft> drafts, InetAddress ip, String interfaces, List<String> sources) {
        add(drafts, ip, interfaces, sources, true);
    }

    /** {@code served}: the box's own sockets take the address's traffic (false: the load balancer forwards it). */
    private static void add(Map<InetAddress, Draft> drafts, InetAddress ip, String interfaces, List<String> sources,
            boolean served) {
        Draft d = drafts.computeIfAbsent(ip, k -> new Draft());
        if (d.interfaces == null) {
            d.interfaces = interfaces;
        }
        d.sources.addAll(sources);
        d.served |= served;
    }
}
