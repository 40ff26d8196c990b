package edgebox.l2.plan;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import edgebox.api.net.Cidr;
import edgebox.l2.vrrp.RouterSettings;

/**
 * Compiles the inputs into a {@link L2Plan}: which VIPs, on which interfaces, under which virtual router. A bad input
 * is left out with its problem; the rest still compiles.
 *
 * <p>Cilium's semantics where it has them: a LoadBalancer Service asks for IPs (spec.loadBalancerIP, the
 * lbipam.cilium.io/ips annotation, status ingress) or gets the first free one of a pool that selects it; when
 * announcement policies exist, an IP is announced only if a policy selects its Service (or Gateway) and allows its
 * kind (loadBalancerIPs, externalIPs), on the policy's interfaces. Without policies every LoadBalancer and Gateway
 * IP is announced on the {@code edgebox.l2} interfaces. Node selectors are ignored: there is one box.
 */
public final class PlanCompiler {

    private PlanCompiler() {
    }

    public static L2Plan compile(long version, L2Settings settings, Inputs in) {
        List<String> problems = new ArrayList<>();
        List<RouterSettings> routers = routers(in, problems);
        Map<InetAddress, Draft> drafts = new LinkedHashMap<>();

        for (Map.Entry<String, Map<String, Object>> e : new TreeMap<>(in.vips()).entrySet()) {
            try {
                Announcement a = Readers.vip(e.getKey(), e.getValue());
                add(drafts, a.address(), a.interfaces() != null ? a.interfaces() : defaults(settings), a.sources());
            } catch (IllegalArgumentException x) {
                problems.add(x.getMessage());
            }
        }
        List<Cluster.Policy> policies = read(in.policies(), Cluster::policy, problems);
        List<Cluster.Pool> pools = read(in.pools(), Cluster::pool, problems);
        List<Cluster.Claimant> claimants = new ArrayList<>();
        claimants.addAll(read(in.gateways(), (pid, flat) -> Cluster.gateway(pid, flat,
                settings.gatewayClassNames()), problems));
        claimants.addAll(read(in.services(), Cluster::service, problems));
        Map<Cluster.Claimant, List<InetAddress>> lbIps = allocate(claimants, pools, problems);

        for (Cluster.Claimant c : claimants) {
            for (InetAddress ip : lbIps.getOrDefault(c, List.of())) {
                String where = interfaces(settings, policies, c, true);
                if (where != null) {
                    add(drafts, ip, where, List.of(c.display()));
                }
            }
            for (InetAddress ip : c.externalIps()) {
                String where = interfaces(settings, policies, c, false);
                if (where != null) {
                    add(drafts, ip, where, List.of(c.display() + " (externalIPs)"));
                }
            }
        }
        for (RouterSettings r : routers) {
            for (InetAddress a : r.addresses()) {
                add(drafts, a, r.interfaceName(), List.of(Readers.VRRP_PID + "~" + r.name()));
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
            out.add(new Announcement(e.getKey(), iface, router == null ? null : router.name(), e.getValue().sources));
        }
        return new L2Plan(version, out, routers, problems);
    }

    private static List<RouterSettings> routers(Inputs in, List<String> problems) {
        List<RouterSettings> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, Map<String, Object>> e : new TreeMap<>(in.routers()).entrySet()) {
            try {
                RouterSettings r = Readers.router(e.getKey(), e.getValue());
                String key = r.interfaceName() + "/" + r.vrid() + "/" + (r.ipv4() ? "4" : "6");
                if (!taken.add(key)) {
                    problems.add(e.getKey() + ": vrid: " + r.vrid() + " is already used on " + r.interfaceName()
                            + " for this address family; left out");
                    continue;
                }
                out.add(r);
            } catch (IllegalArgumentException x) {
                problems.add(x.getMessage());
            }
        }
        return out;
    }

    /** The interfaces an IP of {@code c} is announced on, or null when no policy lets it be announced. */
    private static String interfaces(L2Settings settings, List<Cluster.Policy> policies, Cluster.Claimant c,
            boolean lb) {
        if (policies.isEmpty()) {
            return defaults(settings);
        }
        List<String> regexes = new ArrayList<>();
        boolean selected = false;
        for (Cluster.Policy p : policies) {
            if ((lb ? p.lbIps() : p.externalIps()) && p.selector().matches(c.labels())) {
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

    /** The LoadBalancer IPs of each claimant: what it asks for, else the first free IP of a pool selecting it. */
    private static Map<Cluster.Claimant, List<InetAddress>> allocate(List<Cluster.Claimant> claimants,
            List<Cluster.Pool> pools, List<String> problems) {
        Map<Cluster.Claimant, List<InetAddress>> out = new LinkedHashMap<>();
        Set<InetAddress> used = new HashSet<>();
        for (Cluster.Claimant c : claimants) {
            out.put(c, c.lbIps());
            used.addAll(c.lbIps());
        }
        List<Cluster.Claimant> waiting = claimants.stream().filter(Cluster.Claimant::wantsPoolIp)
                .sorted(java.util.Comparator.comparing(Cluster.Claimant::key)).toList();
        for (Cluster.Claimant c : waiting) {
            InetAddress got = null;
            for (Cluster.Pool p : pools) {
                if (!p.disabled() && p.selector().matches(c.labels())) {
                    got = firstFree(p, used);
                    if (got != null) {
                        break;
                    }
                }
            }
            if (got == null) {
                if (!pools.isEmpty()) {
                    problems.add(c.display() + ": no free IP in a pool that selects it");
                }
                continue;
            }
            used.add(got);
            out.put(c, List.of(got));
        }
        return out;
    }

    private static InetAddress firstFree(Cluster.Pool pool, Set<InetAddress> used) {
        for (InetAddress[] r : pool.ranges()) {
            BigInteger n = new BigInteger(1, r[0].getAddress());
            BigInteger end = new BigInteger(1, r[1].getAddress());
            int bytes = r[0].getAddress().length;
            for (int i = 0; i < 65_536 && n.compareTo(end) <= 0; i++, n = n.add(BigInteger.ONE)) {
                InetAddress a = Cidr.fromNumber(n, bytes);
                if (!used.contains(a)) {
                    return a;
                }
            }
        }
        return null;
    }

    private interface Reader<T> {
        T read(String pid, Map<String, Object> flat);
    }

    private static <T> List<T> read(Map<String, Map<String, Object>> configs, Reader<T> reader,
            List<String> problems) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : new TreeMap<>(configs).entrySet()) {
            try {
                T t = reader.read(e.getKey(), e.getValue());
                if (t != null) {
                    out.add(t);
                }
            } catch (IllegalArgumentException x) {
                problems.add(x.getMessage());
            }
        }
        return out;
    }

    private static final class Draft {
        String interfaces;
        final List<String> sources = new ArrayList<>();
    }

    private static void add(Map<InetAddress, Draft> drafts, InetAddress ip, String interfaces, List<String> sources) {
        Draft d = drafts.computeIfAbsent(ip, k -> new Draft());
        if (d.interfaces == null) {
            d.interfaces = interfaces;
        }
        d.sources.addAll(sources);
    }
}
