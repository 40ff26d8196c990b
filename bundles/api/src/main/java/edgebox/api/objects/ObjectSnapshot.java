package edgebox.api.objects;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.config.ConfigProblem;

/**
 * Every shared object the box holds at one version, and the facts derived from them once: which Gateways are ours
 * and where they bind, the address each LoadBalancer Service got, each namespace's labels. Immutable; a change
 * makes a new snapshot. Each kind's list is ordered oldest first (creationTimestamp, else arrival), then by
 * namespace/name, the order Gateway API conflict rules use.
 */
public final class ObjectSnapshot {

    /** Older objects first (creationTimestamp, else arrival order), then namespace/name. */
    public static final Comparator<KubeObject> AGE = (a, b) -> {
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

    /** Which Gateways the box serves, and where one without {@code spec.addresses} binds. */
    public record GatewaySettings(Set<String> classNames, String defaultAddress) {

        public static final GatewaySettings DEFAULT = new GatewaySettings(Set.of("edgebox"), "127.0.0.1");

        public GatewaySettings {
            classNames = Set.copyOf(classNames);
        }
    }

    public static final ObjectSnapshot EMPTY = new ObjectSnapshot(0, List.of(), GatewaySettings.DEFAULT, Map.of(),
            List.of());

    private final long version;
    private final GatewaySettings gatewaySettings;
    private final List<Gateway> gateways;
    private final List<Route> routes;
    private final List<ReferenceGrant> referenceGrants;
    private final List<Service> services;
    private final List<EndpointSlice> endpointSlices;
    private final List<Secret> secrets;
    private final List<Namespace> namespaces;
    private final List<Pod> pods;
    private final List<LoadBalancerIpPool> pools;
    private final List<BackendTlsPolicy> backendTlsPolicies;
    private final List<ConfigMap> configMaps;
    private final Map<String, ConfigMap> configMapsByKey = new HashMap<>();
    private final Map<String, Secret> secretsByKey = new HashMap<>();
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final Map<String, List<InetAddress>> loadBalancerAddresses;
    private final List<ConfigProblem> problems;

    /**
     * {@code loadBalancerAddresses}: by Service key ({@code namespace/name}), the addresses each LoadBalancer Service
     * got; {@code problems}: objects refused (their last good version is in {@code objects}) and facts that could
     * not be derived.
     */
    public ObjectSnapshot(long version, Collection<? extends KubeObject> objects, GatewaySettings gatewaySettings,
            Map<String, List<InetAddress>> loadBalancerAddresses, List<ConfigProblem> problems) {
        this.version = version;
        this.gatewaySettings = gatewaySettings;
        List<Gateway> gateways = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        List<ReferenceGrant> referenceGrants = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<EndpointSlice> endpointSlices = new ArrayList<>();
        List<Secret> secrets = new ArrayList<>();
        List<Namespace> namespaces = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<LoadBalancerIpPool> pools = new ArrayList<>();
        List<BackendTlsPolicy> backendTlsPolicies = new ArrayList<>();
        List<ConfigMap> configMaps = new ArrayList<>();
        List<KubeObject> sorted = new ArrayList<>(objects);
        sorted.sort(AGE);
        for (KubeObject o : sorted) {
            switch (o) {
                case Gateway g -> gateways.add(g);
                case Route r -> routes.add(r);
                case ReferenceGrant g -> referenceGrants.add(g);
                case Service s -> services.add(s);
                case EndpointSlice s -> endpointSlices.add(s);
                case Secret s -> {
                    secrets.add(s);
                    secretsByKey.put(s.meta().key(), s);
                }
                case Namespace n -> {
                    namespaces.add(n);
                    Map<String, String> labels = new LinkedHashMap<>(n.meta().labels());
                    labels.put(Namespace.NAME_LABEL, n.meta().name());
                    namespaceLabels.put(n.meta().name(), Map.copyOf(labels));
                }
                case Pod p -> pods.add(p);
                case LoadBalancerIpPool p -> pools.add(p);
                case BackendTlsPolicy p -> backendTlsPolicies.add(p);
                case ConfigMap m -> {
                    configMaps.add(m);
                    configMapsByKey.put(m.meta().key(), m);
                }
            }
        }
        this.gateways = List.copyOf(gateways);
        this.routes = List.copyOf(routes);
        this.referenceGrants = List.copyOf(referenceGrants);
        this.services = List.copyOf(services);
        this.endpointSlices = List.copyOf(endpointSlices);
        this.secrets = List.copyOf(secrets);
        this.namespaces = List.copyOf(namespaces);
        this.pods = List.copyOf(pods);
        this.pools = List.copyOf(pools);
        this.backendTlsPolicies = List.copyOf(backendTlsPolicies);
        this.configMaps = List.copyOf(configMaps);
        Map<String, List<InetAddress>> lb = new HashMap<>();
        loadBalancerAddresses.forEach((k, v) -> lb.put(k, List.copyOf(v)));
        this.loadBalancerAddresses = Map.copyOf(lb);
        this.problems = List.copyOf(problems);
    }

    public long version() {
        return version;
    }

    public GatewaySettings gatewaySettings() {
        return gatewaySettings;
    }

    public List<Gateway> gateways() {
        return gateways;
    }

    public List<Route> routes() {
        return routes;
    }

    public List<ReferenceGrant> referenceGrants() {
        return referenceGrants;
    }

    public List<Service> services() {
        return services;
    }

    public List<EndpointSlice> endpointSlices() {
        return endpointSlices;
    }

    public List<Secret> secrets() {
        return secrets;
    }

    public List<Namespace> namespaces() {
        return namespaces;
    }

    public List<Pod> pods() {
        return pods;
    }

    public List<LoadBalancerIpPool> loadBalancerIpPools() {
        return pools;
    }

    /** BackendTLSPolicies, oldest first (the order that decides between two on one Service port). */
    public List<BackendTlsPolicy> backendTlsPolicies() {
        return backendTlsPolicies;
    }

    public List<ConfigMap> configMaps() {
        return configMaps;
    }

    public ConfigMap configMap(String namespace, String name) {
        return configMapsByKey.get(namespace + "/" + name);
    }

    /** Objects refused (their last good version stays) and facts that could not be derived. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** The object count of every kind, for status lines. */
    public int size() {
        return gateways.size() + routes.size() + referenceGrants.size() + services.size() + endpointSlices.size()
                + secrets.size() + namespaces.size() + pods.size() + pools.size() + backendTlsPolicies.size()
                + configMaps.size();
    }

    public Secret secret(String namespace, String name) {
        return secretsByKey.get(namespace + "/" + name);
    }

    /** Whether the box serves this Gateway: its class is one of {@code gatewayClassNames}. */
    public boolean served(Gateway gateway) {
        return gatewaySettings.classNames().contains(gateway.className());
    }

    /** Where a Gateway binds: its {@code spec.addresses}, else the default address. */
    public List<String> bindAddresses(Gateway gateway) {
        return gateway.addresses().isEmpty() ? List.of(gatewaySettings.defaultAddress()) : gateway.addresses();
    }

    /**
     * The addresses a LoadBalancer Service has: those it asks for, else one its pool allocated (kept across
     * restarts); empty for other types and for a Service no pool could serve.
     */
    public List<InetAddress> loadBalancerAddresses(Service service) {
        return loadBalancerAddresses.getOrDefault(service.meta().key(), List.of());
    }

    /**
     * A namespace's labels, with {@code kubernetes.io/metadata.name} as Kubernetes sets it; a namespace with no
     * Namespace object has that label alone.
     */
    public Map<String, String> namespaceLabels(String namespace) {
        Map<String, String> labels = namespaceLabels.get(namespace);
        return labels != null ? labels : Map.of(Namespace.NAME_LABEL, namespace);
    }
}
