package edgebox.proxy.route;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import edgebox.api.objects.EndpointSlice;
import edgebox.api.objects.ReferenceGrant;
import edgebox.api.objects.Refs;
import edgebox.api.objects.Refs.BackendRef;
import edgebox.api.objects.Service;

/**
 * Resolves backendRefs to Clusters during one compile: the Service and its port, the EndpointSlices of that
 * Service, the ReferenceGrant a cross-namespace reference needs, and the BackendTLSPolicy that covers the port. Clusters are shared by name within a compile.
 */
final class Backends {

    /** A resolved (or not) backendRef; {@code reason} is a ResolvedRefs reason, empty when resolved. */
    record Resolved(Cluster cluster, String reason, String message) {
    }

    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, List<EndpointSlice>> slices = new HashMap<>();
    private final Map<String, List<ReferenceGrant>> grants = new HashMap<>();
    private final Map<String, Cluster> clusters = new HashMap<>();
    private final BackendPolicies policies;

    Backends(Collection<Service> services, Collection<EndpointSlice> slices, Collection<ReferenceGrant> grants,
            BackendPolicies policies) {
        this.policies = policies;
        services.forEach(s -> this.services.put(s.meta().key(), s));
        slices.forEach(s -> this.slices.computeIfAbsent(s.meta().namespace() + "/" + s.serviceName(),
                k -> new ArrayList<>()).add(s));
        grants.forEach(g -> this.grants.computeIfAbsent(g.meta().namespace(), k -> new ArrayList<>()).add(g));
    }

    /** Whether an object in {@code fromNs} may refer to {@code toGroup/toKind toNs/toName}. */
    boolean permitted(String fromKind, String fromNs, String toGroup, String toKind, String toNs, String toName) {
        if (fromNs.equals(toNs)) {
            return true;
        }
        for (ReferenceGrant g : grants.getOrDefault(toNs, List.of())) {
            if (g.permits(Refs.GATEWAY_GROUP, fromKind, fromNs, toGroup, toKind, toName)) {
                return true;
            }
        }
        return false;
    }

    Resolved resolve(String fromKind, String fromNs, BackendRef ref) {
        String name = ref.display();
        if (!ref.group().isEmpty() || !"Service".equals(ref.kind())) {
            String why = "backendRef " + (ref.group().isEmpty() ? "" : ref.group() + "/") + ref.kind() + " "
                    + name + " is not a Service";
            return new Resolved(unresolved(name, why), "InvalidKind", why);
        }
        if (!permitted(fromKind, fromNs, "", "Service", ref.namespace(), ref.name())) {
            String why = "Service " + name + " is in another namespace and no ReferenceGrant there permits "
                    + fromKind + "s from " + fromNs;
            return new Resolved(unresolved(name, why), "RefNotPermitted", why);
        }
        Service service = services.get(ref.namespace() + "/" + ref.name());
        if (service == null) {
            String why = "Service " + ref.namespace() + "/" + ref.name() + " not found";
            return new Resolved(unresolved(name, why), "BackendNotFound", why);
        }
        Service.Port port = service.ports().stream().filter(p -> p.port() == ref.port()).findFirst().orElse(null);
        if (port == null) {
            String why = "Service " + ref.namespace() + "/" + ref.name() + " has no port " + ref.port();
            return new Resolved(unresolved(name, why), "BackendNotFound", why);
        }
        return new Resolved(clusters.computeIfAbsent(name, n -> cluster(n, ref, port, policies.forPort(service, port))),
                "", "");
    }

    /** The resolved clusters made so far, once each. */
    List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }

    private Cluster unresolved(String name, String why) {
        return new Cluster(name, "", List.of(), why);
    }

    private Cluster cluster(String name, BackendRef ref, Service.Port port, BackendTls tls) {
        List<Endpoint> endpoints = new ArrayList<>();
        String appProtocol = port.appProtocol();
        for (EndpointSlice slice : slices.getOrDefault(ref.namespace() + "/" + ref.name(), List.of())) {
            for (EndpointSlice.Port sp : slice.ports()) {
                if (!sp.name().equals(port.name())) {
                    continue;
                }
                if (appProtocol.isEmpty()) {
                    appProtocol = sp.appProtocol();
                }
                for (EndpointSlice.Endpoint e : slice.endpoints()) {
                    for (String address : e.addresses()) {
                        endpoints.add(new Endpoint(new InetSocketAddress(InetAddress.ofLiteral(address), sp.port()),
                                e.ready(), e.serving()));
                    }
                }
            }
        }
        return new Cluster(name, appProtocol, endpoints, "", tls);
    }
}
