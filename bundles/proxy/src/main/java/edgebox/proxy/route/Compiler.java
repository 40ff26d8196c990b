package edgebox.proxy.route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.route.RouteHostname;
import edgebox.api.objects.EndpointSlice;
import edgebox.api.objects.Gateway;
import edgebox.api.objects.ReferenceGrant;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Route;
import edgebox.api.objects.Service;
import edgebox.api.objects.Secret;
import edgebox.proxy.route.Status.GatewayStatus;
import edgebox.proxy.route.Status.RouteStatus;

/**
 * Compiles the objects snapshot into one immutable {@link ProxySnapshot}: our Gateways' listeners grouped by bound
 * address and port, routes attached to them, backends resolved (with the BackendTLSPolicy of their port), and the
 * status of each object. A pure function.
 */
public final class Compiler {

    /** The snapshot and the hostnames for the RouteTable. */
    public record Compilation(ProxySnapshot snapshot, List<RouteHostname> hostnames) {

        public Compilation {
            hostnames = List.copyOf(hostnames);
        }
    }

    private Compiler() {
    }

    public static ProxySnapshot empty() {
        return CompiledSnapshot.empty();
    }

    public static Compilation compile(long version, ObjectSnapshot objects) {
        Set<String> secrets = new HashSet<>();
        for (Secret s : objects.secrets()) {
            if (s.certificate() != null) {
                secrets.add(s.meta().key());
            }
        }
        List<Gateway> gateways = objects.gateways();
        List<Route> routes = objects.routes();
        List<Service> services = objects.services();
        List<EndpointSlice> slices = objects.endpointSlices();
        List<ReferenceGrant> grants = objects.referenceGrants();
        BackendPolicies policies = new BackendPolicies(objects);
        Backends backends = new Backends(services, slices, grants, policies);
        Listeners listeners = new Listeners(objects, backends, secrets);
        for (Gateway g : gateways) {
            listeners.add(g);
        }
        listeners.detectConflicts();
        Attacher attacher = new Attacher(listeners, backends, objects);
        List<RouteStatus> routeStatus = new ArrayList<>();
        for (Route r : routes) {
            routeStatus.add(attacher.attach(r));
        }
        List<GatewayStatus> gatewayStatus = new ArrayList<>();
        for (Gateway g : gateways) {
            gatewayStatus.add(listeners.status(g));
        }
        Map<InetSocketAddress, PortTable> ports = listeners.ports();
        List<RouteHostname> hostnames = new ArrayList<>(attacher.hostnames());
        for (Service s : services) {
            List<InetAddress> addresses = new ArrayList<>(objects.loadBalancerAddresses(s));
            s.externalIps().stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
            if (s.loadBalancer() && !addresses.isEmpty()) {
                for (String h : s.hostnames()) {
                    hostnames.add(new RouteHostname(h, s.meta().key(), addresses, s.displayName()));
                }
            }
        }
        Status status = new Status(gatewayStatus, routeStatus, policies.status());
        ProxySnapshot snapshot = new CompiledSnapshot(version, new LinkedHashMap<>(ports), backends.clusters(), status);
        return new Compilation(snapshot, hostnames);
    }
}
