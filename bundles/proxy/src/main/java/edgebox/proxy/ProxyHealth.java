package edgebox.proxy;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.proxy.listen.Listeners;
import edgebox.proxy.route.ProxySnapshot;

/**
 * The proxy's entry in {@code edgebox:status}: UP when every port of the snapshot is bound, DEGRADED when some
 * could not be bound, DOWN when none could; the failures name the address and the reason.
 */
final class ProxyHealth implements HealthCheck {

    private final Listeners listeners;
    private final Supplier<ProxySnapshot> snapshot;
    private final java.util.function.IntSupplier connections;

    ProxyHealth(Listeners listeners, Supplier<ProxySnapshot> snapshot, java.util.function.IntSupplier connections) {
        this.listeners = listeners;
        this.snapshot = snapshot;
        this.connections = connections;
    }

    @Override
    public String function() {
        return "proxy";
    }

    @Override
    public Health health() {
        Map<InetSocketAddress, InetSocketAddress> bound = listeners.bound();
        Map<InetSocketAddress, String> failed = listeners.failures();
        String detail = "snapshot " + snapshot.get().version() + ", " + bound.size() + " listening "
                + bound.values() + ", " + connections.getAsInt() + " connections";
        if (failed.isEmpty()) {
            return Health.up(detail);
        }
        StringBuilder why = new StringBuilder();
        failed.forEach((a, r) -> why.append(why.isEmpty() ? "" : "; ").append("cannot listen on ").append(a)
                .append(": ").append(r));
        return bound.isEmpty() ? Health.down(detail, why.toString()) : Health.degraded(detail, why.toString());
    }
}
