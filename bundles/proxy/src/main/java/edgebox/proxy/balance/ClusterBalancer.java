package edgebox.proxy.balance;

import edgebox.proxy.balance.BalanceSettings.Policy;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The balancer of one cluster name. Endpoint state is kept per address and outlives snapshot swaps; the states of
 * the latest endpoint list are cached in an array, so a pick reads atomics only and allocates nothing.
 */
final class ClusterBalancer implements Balancer {

    private static final System.Logger LOG = System.getLogger("edgebox.proxy.balance");

    /** An endpoint list (compared by identity: a snapshot's lists never change) and its states, index for index. */
    private record View(List<Endpoint> endpoints, EndpointState[] states) {
    }

    final String name;
    private final LongSupplier clock;
    private final Map<InetSocketAddress, EndpointState> states = new ConcurrentHashMap<>();
    private final BalancerRegistry registry;
    private final AtomicInteger next = new AtomicInteger();
    private volatile View view = new View(List.of(), new EndpointState[0]);
    private volatile BalanceSettings settings;
    private volatile Policy policy;

    ClusterBalancer(String name, BalanceSettings settings, LongSupplier clock, BalancerRegistry registry) {
        this.name = name;
        this.clock = clock;
        this.registry = registry;
        configure(settings);
    }

    void configure(BalanceSettings settings) {
        this.policy = settings.policyFor(name);
        this.settings = settings;
    }

    @Override
    public Endpoint pick(Cluster cluster) {
        View v = view(cluster.endpoints());
        List<Endpoint> endpoints = v.endpoints;
        EndpointState[] st = v.states;
        long now = clock.getAsLong();
        int ready = 0;
        int healthy = 0;
        int readyRoom = 0;
        int healthyRoom = 0;
        for (int i = 0; i < st.length; i++) {
            if (endpoints.get(i).ready()) {
                boolean room = !st[i].load.full();
                ready++;
                readyRoom += room ? 1 : 0;
                if (st[i].available(now)) {
                    healthy++;
                    healthyRoom += room ? 1 : 0;
                }
            }
        }
        int panic = settings.panicThreshold();
        boolean all = healthy == 0 || (long) healthy * 100 < (long) panic * ready;
        if (ready == 0 || (healthy == 0 && panic == 0)) {
            return null;
        }
        int n = all ? ready : healthy;
        int room = all ? readyRoom : healthyRoom;
        // endpoints below their connection cap first; when all are at it, any (the request waits in its queue)
        boolean roomOnly = room > 0 && room < n;
        if (roomOnly) {
            n = room;
        }
        if (policy == Policy.ROUND_ROBIN || n == 1) {
            return nth(endpoints, st, Math.floorMod(next.getAndIncrement(), n), all, roomOnly, now);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        int ia = index(endpoints, st, a, all, roomOnly, now);
        int ib = index(endpoints, st, b, all, roomOnly, now);
        return endpoints.get(st[ib].active.get() < st[ia].active.get() ? ib : ia);
    }

    @Override
    public void started(Endpoint endpoint) {
        EndpointState s = states.get(endpoint.address());
        if (s != null) {
            s.started();
        }
    }

    @Override
    public void finished(Endpoint endpoint, boolean success) {
        EndpointState s = states.get(endpoint.address());
        if (s == null) {
            return;
        }
        BalanceSettings.Outlier outlier = settings.outlier();
        long now = clock.getAsLong();
        if (s.finished(success, outlier.consecutiveFailures(), now)) {
            tryEject(s, outlier, now);
        }
    }

    private void tryEject(EndpointState s, BalanceSettings.Outlier outlier, long now) {
        s.failures.set(0); // ejected or not, the next attempt takes as many failures again
        int total = states.size();
        int ejected = 0;
        for (EndpointState other : states.values()) {
            if (other.ejected(now)) {
                ejected++;
            }
        }
        if (ejected > 0 && (long) (ejected + 1) * 100 > (long) outlier.maxEjectionPercent() * total) {
            LOG.log(Level.INFO, "cluster {0}: endpoint {1} not ejected after {2} failures: {3} of {4} already are"
                    + " (outlier.maxEjectionPercent {5})", name, s.address, outlier.consecutiveFailures(), ejected,
                    total, outlier.maxEjectionPercent());
            return;
        }
        long duration = s.eject(now, outlier.baseEjectionTime().toNanos(), outlier.maxEjectionTime().toNanos());
        if (duration > 0) {
            LOG.log(Level.WARNING, "cluster {0}: endpoint {1} ejected for {2} ms after {3} failures in a row"
                    + " (ejection {4})", name, s.address, TimeUnit.NANOSECONDS.toMillis(duration),
                    outlier.consecutiveFailures(), s.timesEjected());
        }
    }

    /**
     * The position in {@code endpoints} of the k-th ready (and, unless {@code all}, available; with
     * {@code roomOnly}, below its connection cap) endpoint.
     */
    private static int index(List<Endpoint> endpoints, EndpointState[] st, int k, boolean all, boolean roomOnly,
            long now) {
        int first = -1;
        for (int i = 0; i < st.length; i++) {
            if (endpoints.get(i).ready() && (all || st[i].available(now)) && (!roomOnly || !st[i].load.full())) {
                if (k-- == 0) {
                    return i;
                }
                if (first < 0) {
                    first = i;
                }
            }
        }
        return first < 0 ? 0 : first; // changed under us (a concurrent ejection): the first candidate
    }

    private static Endpoint nth(List<Endpoint> endpoints, EndpointState[] st, int k, boolean all, boolean roomOnly,
            long now) {
        return endpoints.get(index(endpoints, st, k, all, roomOnly, now));
    }

    private View view(List<Endpoint> endpoints) {
        View v = view;
        if (v.endpoints == endpoints) {
            return v;
        }
        EndpointState[] st = new EndpointState[endpoints.size()];
        for (int i = 0; i < st.length; i++) {
            st[i] = states.computeIfAbsent(endpoints.get(i).address(), registry::newState);
        }
        v = new View(endpoints, st);
        view = v;
        return v;
    }

    /** Drops the state of addresses no longer in {@code cluster}. */
    void retain(Cluster cluster) {
        List<InetSocketAddress> present = cluster.endpoints().stream().map(Endpoint::address).toList();
        states.keySet().retainAll(present);
        view(cluster.endpoints());
    }

    /** Applies an active health verdict to this cluster's endpoint at {@code address}, if it has one. */
    void checked(InetSocketAddress address, boolean healthy, boolean passed) {
        EndpointState s = states.get(address);
        if (s == null) {
            return;
        }
        s.activeHealthy = healthy;
        if (passed && s.uneject(clock.getAsLong())) {
            LOG.log(Level.INFO, "cluster {0}: endpoint {1} returned by a passed health check", name, address);
        }
    }

    List<EndpointStatus> status() {
        long now = clock.getAsLong();
        return view.endpoints().stream().map(e -> {
            EndpointState s = states.get(e.address());
            return s == null ? new EndpointStatus(name, e.address(), e.ready(), 0, false, 0, true, 0, 0)
                    : new EndpointStatus(name, e.address(), e.ready(), s.active.get(), s.ejected(now),
                            s.timesEjected(), s.activeHealthy, s.load.connections(), s.load.waiting());
        }).toList();
    }
}
