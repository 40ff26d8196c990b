package edgebox.proxy.balance;

import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.tls.BackendTlsContexts;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Optional periodic HTTP/1.1 health checks of every ready endpoint of the current clusters, run on the data path's
 * event loops (one loop per endpoint, so each endpoint's check state needs no lock). Each result goes to a
 * {@link Listener} (the {@link BalancerRegistry}), which marks the endpoint unhealthy or healthy in every cluster and
 * returns an ejected endpoint to service when a check passes, as Envoy does. An endpoint starts healthy.
 */
public final class ActiveHealthChecks implements AutoCloseable {

    /** Receives every check result, with the endpoint's verdict after the thresholds. Called on an event loop. */
    public interface Listener {
        void checked(InetSocketAddress address, boolean healthy, boolean passed);
    }

    private final BalanceSettings.HealthCheck settings;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelClass;
    private final Listener listener;
    private final BackendTlsContexts tlsContexts;
    private final Map<InetSocketAddress, HealthProbe> probes = new HashMap<>();
    private boolean closed;

    /** Checks nothing until {@link #update}; never checks when {@code settings} are off (empty path). */
    public ActiveHealthChecks(BalanceSettings.HealthCheck settings, EventLoopGroup group,
            Class<? extends Channel> channelClass, Listener listener, BackendTlsContexts tlsContexts) {
        this.settings = settings;
        this.tlsContexts = tlsContexts;
        this.group = group;
        this.channelClass = channelClass;
        this.listener = listener;
    }

    /**
     * Checks the ready endpoints of {@code clusters} from now on: new ones start (with jitter), gone ones stop. An
     * endpoint of a cluster under a BackendTLSPolicy is checked over TLS (the first such cluster's policy).
     */
    public synchronized void update(Collection<Cluster> clusters) {
        if (closed || !settings.enabled()) {
            return;
        }
        Map<InetSocketAddress, Optional<BackendTls>> wanted = new HashMap<>();
        for (Cluster c : clusters) {
            for (Endpoint e : c.endpoints()) {
                if (e.ready()) {
                    wanted.merge(e.address(), Optional.ofNullable(c.tls()), (a, b) -> a.isPresent() ? a : b);
                }
            }
        }
        probes.entrySet().removeIf(e -> {
            Optional<BackendTls> tls = wanted.get(e.getKey());
            boolean gone = tls == null || !Objects.equals(tls.orElse(null), e.getValue().tls());
            if (gone) {
                e.getValue().cancel();
            }
            return gone;
        });
        long interval = settings.interval().toNanos();
        for (Map.Entry<InetSocketAddress, Optional<BackendTls>> w : wanted.entrySet()) {
            probes.computeIfAbsent(w.getKey(), a -> {
                HealthProbe p = new HealthProbe(a, settings, group.next(), channelClass, listener,
                        w.getValue().orElse(null), tlsContexts);
                p.start(ThreadLocalRandom.current().nextLong(interval));
                return p;
            });
        }
    }

    /** How many endpoints are being checked. */
    public synchronized int size() {
        return probes.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        probes.values().forEach(HealthProbe::cancel);
        probes.clear();
    }
}
