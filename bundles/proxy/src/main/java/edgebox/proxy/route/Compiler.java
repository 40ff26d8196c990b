package edgebox.proxy.route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.route.RouteHostname;
import edgebox.proxy.model.EndpointSlice;
import edgebox.proxy.model.Gateway;
import edgebox.proxy.model.ReferenceGrant;
import edgebox.proxy.model.Resource;
import edgebox.proxy.model.Route;
import edgebox.proxy.model.Service;
import edgebox.proxy.model.TlsSecret;
import edgebox.proxy.route.Status.GatewayStatus;
import edgebox.proxy.route.Status.RouteStatus;

/**
 * Compiles every parsed resource into one immutable {@link ProxySnapshot}: our Gateways' listeners grouped by bound
 * address and port, routes attached to them, backends resolved, and the status of each object. A pure function.
 */
public final class Compiler {

    /** PID {@code edgebox.proxy.gateways}: where address-less Gateways bind, and which classes are ours. */
    public record Settings(String defaultAddress, Set<String> classNames) {

        public Settings {
            classNames = Set.copyOf(classNames);
        }
    }

    /** The snapshot and the hostnames for the RouteTable. */
    public record Compilation(ProxySnapshot snapshot, List<RouteHostname> hostnames) {

        public Compilation {
            hostnames = List.copyOf(hostnames);
        }
    }

    /** Older objects first (creationTimestamp, else configuration order), then namespace/name. */
    static final Comparator<Resource> AGE = (a, b) -> {
        if (a.meta().created() != null && b.meta().created() != null) {
            int c = a.meta().created().compareTo(b.meta().created());
            if (c != 0) {
                return c;
            }
        } else if (a.meta().created() != null || b.meta().created() != null) {
            return a.meta().created() != null ? -1 : 1;
        }
        int c = Long.compare(a.meta().order(), b.meta().order());
        return c != 0 ? c : a.meta().key().compareTo(b.meta().key());
    };

    private Compiler() {
    }

    public static ProxySnapshot empty() {
        return CompiledSnapshot.empty();
    }

    public static Compilation compile(long version, Settings settings, Collection<? extends Resource> resources) {
        List<Gateway> gateways = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        List<ReferenceGrant> grants = new ArrayList<>();
        Set<String> secrets = new HashSet<>();
        for (Resource r : resources) {
            switch (r) {
                case Gateway g -> gateways.add(g);
                case Route x -> routes.add(x);
                case Service s -> services.add(s);
                case EndpointSlice s -> slices.add(s);
                case ReferenceGrant g -> grants.add(g);
                case TlsSecret s -> {
                    if (s.tls()) {
                        secrets.add(s.meta().key());
                    }
                }
            }
        }
        gateways.sort(AGE);
        routes.sort(AGE);
        Backends backends = new Backends(services, slices, grants);
        Listeners listeners = new Listeners(settings, backends, secrets);
        for (Gateway g : gateways) {
            listeners.add(g);
        }
        listeners.detectConflicts();
        Attacher attacher = new Attacher(listeners, backends);
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
            if ("LoadBalancer".equals(s.type()) && !s.loadBalancerAddresses().isEmpty()) {
                List<InetAddress> addresses = s.loadBalancerAddresses().stream().map(InetAddress::ofLiteral).toList();
                for (String h : s.hostnames()) {
                    hostnames.add(new RouteHostname(h, s.meta().key(), addresses, s.displayName()));
                }
            }
        }
        Status status = new Status(gatewayStatus, routeStatus);
        ProxySnapshot snapshot = new CompiledSnapshot(version, new LinkedHashMap<>(ports), backends.clusters(), status);
        return new Compilation(snapshot, hostnames);
    }
}
