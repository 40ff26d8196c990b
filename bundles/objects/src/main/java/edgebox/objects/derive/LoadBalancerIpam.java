package edgebox.objects.derive;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.api.objects.LoadBalancerIpPool;
import edgebox.api.objects.Service;

/**
 * The address each LoadBalancer Service has, as Cilium's LB-IPAM gives it: the addresses it asks for, else one from
 * the first pool (by name) that selects it and is not disabled. An allocation already made is kept while its pool
 * still selects the Service and no one asks for that address, so adding a Service never moves another one's
 * address; the allocations are what the caller persists. Two Services asking for the same address: the older
 * keeps it. A pure function.
 */
public final class LoadBalancerIpam {

    /** The addresses by Service key, the pool allocations among them, and what could not be served. */
    public record Result(Map<String, List<InetAddress>> addresses, Map<String, InetAddress> allocations,
            List<ConfigProblem> problems) {

        public Result {
            addresses = Map.copyOf(addresses);
            allocations = Map.copyOf(allocations);
            problems = List.copyOf(problems);
        }
    }

    /** Ranges walked per pool at most, so a /64 never stalls the store. */
    static final int MAX_SCAN = 65_536;

    private LoadBalancerIpam() {
    }

    /**
     * {@code services} oldest first; {@code previous} the allocations made before (Service key to address).
     */
    public static Result assign(List<Service> services, List<LoadBalancerIpPool> pools,
            Map<String, InetAddress> previous) {
        List<LoadBalancerIpPool> byName = new ArrayList<>(pools);
        byName.sort((a, b) -> a.meta().name().compareTo(b.meta().name()));
        Map<String, List<InetAddress>> addresses = new LinkedHashMap<>();
        Map<String, InetAddress> allocations = new HashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<InetAddress, String> owner = new HashMap<>();
        List<Service> waiting = new ArrayList<>();
        for (Service s : services) {
            if (!s.loadBalancer()) {
                continue;
            }
            if (s.requestedAddresses().isEmpty()) {
                waiting.add(s);
                continue;
            }
            List<InetAddress> got = new ArrayList<>();
            for (InetAddress a : s.requestedAddresses()) {
                String other = owner.putIfAbsent(a, s.meta().key());
                if (other == null) {
                    got.add(a);
                } else {
                    problems.add(ConfigProblem.of(s.displayName(), "spec.loadBalancerIP", Cidr.text(a)
                            + " is already the address of Service " + other + " (the older one keeps it)"));
                }
            }
            addresses.put(s.meta().key(), got);
        }
        List<Service> fresh = new ArrayList<>();
        for (Service s : waiting) {
            InetAddress kept = previous.get(s.meta().key());
            if (kept != null && !owner.containsKey(kept) && selectingPool(byName, s, kept)) {
                owner.put(kept, s.meta().key());
                allocations.put(s.meta().key(), kept);
                addresses.put(s.meta().key(), List.of(kept));
            } else {
                fresh.add(s);
            }
        }
        for (Service s : fresh) {
            InetAddress got = firstFree(byName, s, owner.keySet(), previous);
            if (got == null) {
                if (!byName.isEmpty()) {
                    problems.add(ConfigProblem.of(s.displayName(), "spec", "no free address in a pool that selects it"));
                }
                continue;
            }
            owner.put(got, s.meta().key());
            allocations.put(s.meta().key(), got);
            addresses.put(s.meta().key(), List.of(got));
        }
        return new Result(addresses, allocations, problems);
    }

    /** A Service's labels with the ones Cilium adds for selectors. */
    static Map<String, String> labels(Service s) {
        Map<String, String> labels = new HashMap<>(s.meta().labels());
        labels.put("io.kubernetes.service.namespace", s.meta().namespace());
        labels.put("io.kubernetes.service.name", s.meta().name());
        return labels;
    }

    private static boolean selectingPool(List<LoadBalancerIpPool> pools, Service s, InetAddress a) {
        Map<String, String> labels = labels(s);
        for (LoadBalancerIpPool p : pools) {
            if (!p.disabled() && p.serviceSelector().matches(labels)) {
                for (LoadBalancerIpPool.Range r : p.ranges()) {
                    if (within(r, a)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The first address of a selecting pool that nobody has, preferring ones never allocated to another. */
    private static InetAddress firstFree(List<LoadBalancerIpPool> pools, Service s, Set<InetAddress> taken,
            Map<String, InetAddress> previous) {
        Set<InetAddress> reserved = new HashSet<>(previous.values());
        Map<String, String> labels = labels(s);
        for (LoadBalancerIpPool p : pools) {
            if (p.disabled() || !p.serviceSelector().matches(labels)) {
                continue;
            }
            InetAddress fallback = null;
            for (LoadBalancerIpPool.Range r : p.ranges()) {
                BigInteger n = new BigInteger(1, r.first().getAddress());
                BigInteger end = new BigInteger(1, r.last().getAddress());
                int bytes = r.first().getAddress().length;
                for (int i = 0; i < MAX_SCAN && n.compareTo(end) <= 0; i++, n = n.add(BigInteger.ONE)) {
                    InetAddress a = Cidr.fromNumber(n, bytes);
                    if (taken.contains(a)) {
                        continue;
                    }
                    if (!reserved.contains(a)) {
                        return a;
                    }
                    if (fallback == null) {
                        fallback = a;
                    }
                }
            }
            if (fallback != null) {
                return fallback;
            }
        }
        return null;
    }

    private static boolean within(LoadBalancerIpPool.Range r, InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == r.first().getAddress().length
                && Arrays.compareUnsigned(r.first().getAddress(), b) <= 0
                && Arrays.compareUnsigned(b, r.last().getAddress()) <= 0;
    }
}
