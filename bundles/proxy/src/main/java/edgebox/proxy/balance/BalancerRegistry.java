package edgebox.proxy.balance;

import edgebox.proxy.route.Cluster;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The balancers of all clusters, by cluster name, so that in-flight counts, failures and ejections survive snapshot
 * swaps. The data path calls {@link #balancer(String)}; the component calls {@link #retain} with each new
 * snapshot's clusters (dropping the state of clusters and endpoints gone) and {@link #configure} on a configuration
 * change. Active health checks report here ({@link #checked}).
 */
public final class BalancerRegistry implements ActiveHealthChecks.Listener {

    private final Map<String, ClusterBalancer> balancers = new ConcurrentHashMap<>();
    /** Addresses the active checks hold unhealthy: a state created later starts unhealthy too. */
    private final Set<InetSocketAddress> unhealthy = ConcurrentHashMap.newKeySet();
    private final LongSupplier clock;
    private final Function<InetSocketAddress, EndpointLoad> loads;
    private volatile BalanceSettings settings;

    /** {@code clock} gives nanoseconds ({@code System::nanoTime}); no endpoint is ever at a connection cap. */
    public BalancerRegistry(BalanceSettings settings, LongSupplier clock) {
        this(settings, clock, address -> EndpointLoad.NONE);
    }

    /** {@code loads}: the upstream pools' connection count of an address, against its cap. */
    public BalancerRegistry(BalanceSettings settings, LongSupplier clock,
            Function<InetSocketAddress, EndpointLoad> loads) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = clock;
        this.loads = loads;
    }

    /** The balancer of the cluster named {@code clusterName}, created on first use. */
    public Balancer balancer(String clusterName) {
        ClusterBalancer b = balancers.get(clusterName);
        return b != null ? b : balancers.computeIfAbsent(clusterName, n -> new ClusterBalancer(n, settings, clock, this));
    }

    /** New settings for every balancer; states are kept. */
    public void configure(BalanceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        balancers.values().forEach(b -> b.configure(settings));
    }

    /** Keeps the balancers of {@code clusters} only, and in each the endpoints still listed. */
    public void retain(Collection<Cluster> clusters) {
        Map<String, Cluster> byName = clusters.stream()
                .collect(Collectors.toMap(Cluster::name, c -> c, (a, b) -> b));
        balancers.keySet().retainAll(byName.keySet());
        balancers.forEach((name, b) -> b.retain(byName.get(name)));
        Set<InetSocketAddress> addresses = clusters.stream().flatMap(c -> c.endpoints().stream())
                .map(e -> e.address()).collect(Collectors.toSet());
        unhealthy.retainAll(addresses);
    }

    @Override
    public void checked(InetSocketAddress address, boolean healthy, boolean passed) {
        if (healthy) {
            unhealthy.remove(address);
        } else {
            unhealthy.add(address);
        }
        balancers.values().forEach(b -> b.checked(address, healthy, passed));
    }

    /** Every known endpoint of every cluster, by cluster name then address. */
    public List<EndpointStatus> status() {
        return balancers.values().stream().flatMap(b -> b.status().stream())
                .sorted(Comparator.comparing(EndpointStatus::cluster)
                        .thenComparing(s -> s.address().toString()))
                .toList();
    }

    EndpointState newState(InetSocketAddress address) {
        return new EndpointState(address, !unhealthy.contains(address), loads.apply(address));
    }
}
