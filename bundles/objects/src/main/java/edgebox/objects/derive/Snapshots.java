package edgebox.objects.derive;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import edgebox.api.config.ConfigProblem;
import edgebox.api.objects.KubeObject;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSnapshot.GatewaySettings;

/** Objects in, a snapshot with its derived facts out: the one place the facts are derived. A pure function. */
public final class Snapshots {

    /** The snapshot and the pool allocations it holds (for the caller to keep). */
    public record Built(ObjectSnapshot snapshot, Map<String, InetAddress> allocations) {
    }

    private Snapshots() {
    }

    /**
     * {@code refused}: the problems of objects refused (their last good version is among {@code objects});
     * {@code previous}: the pool allocations made before.
     */
    public static Built build(long version, Collection<? extends KubeObject> objects, GatewaySettings settings,
            List<ConfigProblem> refused, Map<String, InetAddress> previous) {
        ObjectSnapshot sorted = new ObjectSnapshot(version, objects, settings, Map.of(), List.of());
        LoadBalancerIpam.Result ipam = LoadBalancerIpam.assign(sorted.services(), sorted.loadBalancerIpPools(),
                previous);
        List<ConfigProblem> problems = new ArrayList<>(refused);
        problems.addAll(ipam.problems());
        return new Built(new ObjectSnapshot(version, objects, settings, ipam.addresses(), problems),
                ipam.allocations());
    }
}
