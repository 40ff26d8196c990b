package edgebox.lb.health;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.lb.plan.BackendHealth;

/**
 * The checker's published state, immutable: every target's health, and per backend address:port the verdict the
 * plan compiler asks for. A backend checked by several targets (Service ports with other specs) is DOWN when any of
 * them is DOWN, UP when all are UP, UNKNOWN otherwise; one no target checks is UNKNOWN, so healthy.
 */
public final class HealthView implements BackendHealth {

    public static final HealthView EMPTY = new HealthView(0, List.of());

    private final long version;
    private final List<TargetHealth> targets;
    private final Map<InetSocketAddress, TargetHealth> byBackend;

    HealthView(long version, List<TargetHealth> targets) {
        this.version = version;
        this.targets = List.copyOf(targets);
        Map<InetSocketAddress, TargetHealth> byBackend = new HashMap<>();
        for (TargetHealth t : this.targets) {
            byBackend.merge(new InetSocketAddress(t.target().address(), t.target().port()), t, HealthView::worse);
        }
        this.byBackend = Map.copyOf(byBackend);
    }

    /** Counts up with every change the checker publishes. */
    public long version() {
        return version;
    }

    /** Every target, in the order the checker was given them. */
    public List<TargetHealth> targets() {
        return targets;
    }

    @Override
    public boolean healthy(InetAddress address, int port) {
        return state(address, port).healthy();
    }

    public HealthState state(InetAddress address, int port) {
        TargetHealth t = byBackend.get(new InetSocketAddress(address, port));
        return t == null ? HealthState.UNKNOWN : t.state();
    }

    /** The verdict's target, the worst of the backend's: what failed and since when; null when none checks it. */
    public TargetHealth detail(InetAddress address, int port) {
        return byBackend.get(new InetSocketAddress(address, port));
    }

    private static TargetHealth worse(TargetHealth a, TargetHealth b) {
        return rank(b.state()) > rank(a.state()) ? b : a;
    }

    private static int rank(HealthState s) {
        return switch (s) {
            case UP -> 0;
            case UNKNOWN -> 1;
            case DOWN -> 2;
        };
    }
}
