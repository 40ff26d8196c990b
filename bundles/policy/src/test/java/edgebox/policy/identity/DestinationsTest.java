package edgebox.policy.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.ConfigProblem;
import edgebox.api.net.Cidr;
import edgebox.objects.testing.YamlObjects;

class DestinationsTest {

    /** The seed's web pods behind a Service, as the seed's allow-web policy protects them. */
    static final String WEB = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default, creationTimestamp: "2026-01-01T00:00:00Z"}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80, protocol: TCP}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-1, namespace: default, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            ports: [{name: http, port: 80, protocol: TCP}]
            endpoints:
              - addresses: ["10.0.1.11"]
              - addresses: ["10.0.1.12"]
                conditions: {ready: false}
            """;

    static final Map<String, String> DEFAULT_NAMESPACE = Map.of("io.kubernetes.pod.namespace", "default",
            "io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name", "default");

    static Destinations destinations(String yaml) {
        return Destinations.of(YamlObjects.snapshot(yaml));
    }

    static Identity of(Destinations d, String address) {
        return d.labelsOf(Cidr.address(address));
    }

    static Map<String, String> with(Map<String, String> labels, String... more) {
        Map<String, String> out = new java.util.HashMap<>(labels);
        for (int i = 0; i < more.length; i += 2) {
            out.put(more[i], more[i + 1]);
        }
        return Map.copyOf(out);
    }

    static String service(String name, String created, String selector, String... addresses) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s, namespace: default, creationTimestamp: "%2$s"}
                spec:
                  %3$s
                  ports: [{port: 80, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: %1$s-1, namespace: default, labels: {kubernetes.io/service-name: %1$s}}
                addressType: IPv4
                endpoints: [{addresses: [%4$s]}]
                ---
                """.formatted(name, created, selector, String.join(", ", addresses));
    }

    @Test
    void theWebServicesBackendsCarryItsSelectorAndNamespaceReadyOrNot() {
        Destinations d = destinations(WEB);
        Identity web = of(d, "10.0.1.11");
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web"), web.labels());
        assertSame(web, of(d, "10.0.1.12"), "one label set, one identity");
        assertEquals(Identity.FIRST_ALLOCATED, web.id());
        assertFalse(web.isReserved());
        assertEquals(List.of(web), d.identities());
        assertEquals(List.of(), d.problems());
        assertEquals(1, d.version());
    }

    @Test
    void aServiceWithoutSelectorGivesOnlyTheNamespace() {
        Destinations d = destinations(service("external-db", "2026-01-01T00:00:00Z", "", "\"10.0.2.5\""));
        assertEquals(DEFAULT_NAMESPACE, of(d, "10.0.2.5").labels());
    }

    @Test
    void theNamespaceObjectsLabelsComeUnderCiliumsPrefix() {
        Destinations d = destinations(WEB + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: default, labels: {team: shop}}
                """);
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web", "io.cilium.k8s.namespace.labels.team", "shop"),
                of(d, "10.0.1.11").labels());
    }

    @Test
    void aBackendOfSeveralServicesGetsTheUnionOfTheirLabels() {
        Destinations d = destinations(service("web", "2026-01-01T00:00:00Z", "selector: {app: web}",
                "\"10.0.1.11\"", "\"10.0.1.12\"")
                + service("web-metrics", "2026-01-02T00:00:00Z", "selector: {app: web, metrics: \"yes\"}",
                        "\"10.0.1.12\""));
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web"), of(d, "10.0.1.11").labels());
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web", "metrics", "yes"), of(d, "10.0.1.12").labels());
        assertNotEquals(of(d, "10.0.1.11").id(), of(d, "10.0.1.12").id());
        assertEquals(List.of(), d.problems());
    }

    @Test
    void servicesWithTheSameSelectorShareOneIdentity() {
        Destinations d = destinations(service("web", "2026-01-01T00:00:00Z", "selector: {app: web}", "\"10.0.1.11\"")
                + service("web-canary", "2026-01-02T00:00:00Z", "selector: {app: web}", "\"10.0.1.21\"")
                + service("api", "2026-01-03T00:00:00Z", "selector: {app: api}", "\"10.0.1.31\""));
        assertSame(of(d, "10.0.1.11"), of(d, "10.0.1.21"));
        assertEquals(List.of(Identity.FIRST_ALLOCATED, Identity.FIRST_ALLOCATED + 1),
                d.identities().stream().map(Identity::id).toList());
        assertSame(d.identities().get(1), of(d, "10.0.1.31"));
    }

    @Test
    void aConflictingLabelKeepsTheOlderServicesValueAndNamesBothServices() {
        Destinations d = destinations(service("api", "2026-01-05T00:00:00Z", "selector: {app: api, tier: back}",
                "\"10.0.1.11\"")
                + service("web", "2026-01-01T00:00:00Z", "selector: {app: web}", "\"10.0.1.11\""));
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web", "tier", "back"), of(d, "10.0.1.11").labels());
        assertEquals(List.of("Service default/api: spec.selector.app: backend 10.0.1.11 gets app=\"api\" here but"
                + " app=\"web\" from Service default/web; it keeps \"web\""),
                d.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aBackendSharedAcrossNamespacesKeepsTheOlderServicesNamespaceWithOneProblem() {
        Destinations d = destinations(service("web", "2026-01-01T00:00:00Z", "selector: {app: web}", "\"10.0.1.11\"")
                + service("web", "2026-01-02T00:00:00Z", "selector: {app: web}", "\"10.0.1.11\"")
                        .replace("namespace: default", "namespace: staging"));
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web"), of(d, "10.0.1.11").labels());
        assertEquals(List.of("Service staging/web: metadata.namespace: backend 10.0.1.11 gets"
                + " io.kubernetes.pod.namespace=\"staging\" here but io.kubernetes.pod.namespace=\"default\" from"
                + " Service default/web; it keeps \"default\""),
                d.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void aPodNamingABackendAddressAddsItsOwnLabels() {
        Destinations d = destinations(WEB + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: web-7f9c, namespace: default, labels: {app: web, version: v2}}
                status:
                  podIPs: [{ip: 10.0.1.11}, {ip: "fd00::11"}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: batch, namespace: default, labels: {app: batch}}
                status: {podIP: 10.0.9.9}
                """);
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web", "version", "v2"), of(d, "10.0.1.11").labels());
        assertEquals(with(DEFAULT_NAMESPACE, "app", "web"), of(d, "10.0.1.12").labels());
        assertSame(Identity.WORLD, of(d, "10.0.9.9"), "a Pod that is no backend is not a destination");
        assertSame(Identity.WORLD, of(d, "fd00::11"), "only the backend's own address takes the Pod's labels");
        assertEquals(List.of(), d.problems());
    }

    @Test
    void aPodsOwnLabelWinsOverASelectorThatDisagrees() {
        Destinations d = destinations(WEB + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: old-web, namespace: default, labels: {app: legacy}}
                status: {podIP: 10.0.1.11}
                """);
        assertEquals(with(DEFAULT_NAMESPACE, "app", "legacy"), of(d, "10.0.1.11").labels());
        assertEquals(List.of("Service default/web: spec.selector.app: backend 10.0.1.11 gets app=\"web\" here but"
                + " app=\"legacy\" from Pod default/old-web; it keeps \"legacy\""),
                d.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void theBoxsOwnAddressesAreHostAndEverythingElseIsWorld() throws Exception {
        String yaml = WEB + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: envoy-internal, namespace: network}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: 172.16.1.61}]
                  listeners: [{name: http, protocol: HTTP, port: 80}]
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: elsewhere, namespace: network}
                spec:
                  gatewayClassName: envoy
                  addresses: [{type: IPAddress, value: 172.16.1.70}]
                  listeners: [{name: http, protocol: HTTP, port: 80}]
                """;
        InetAddress dns = InetAddress.getByName("172.16.1.60");
        Destinations d = Destinations.of(YamlObjects.snapshot(yaml), List.of(dns));
        assertSame(Identity.HOST, of(d, "172.16.1.61"), "a served Gateway's address");
        assertSame(Identity.HOST, of(d, "127.0.0.1"), "the default bind address");
        assertSame(Identity.HOST, of(d, "172.16.1.60"), "an address the caller adds");
        assertSame(Identity.WORLD, of(d, "172.16.1.70"), "a Gateway of another class");
        assertSame(Identity.WORLD, of(d, "192.0.2.1"));
        assertSame(Identity.WORLD, of(d, "2001:db8::1"));
        assertSame(Identity.HOST, Destinations.of(YamlObjects.snapshot(yaml)).labelsOf(0x7f000001));
        assertSame(Identity.WORLD, Destinations.of(YamlObjects.snapshot(yaml)).labelsOf(AddressTable.ipv4(
                dns.getAddress())), "the DNS listener is the box's only when added");
    }

    @Test
    void aBackendOnTheBoxsOwnAddressKeepsItsLabels() {
        Destinations d = destinations(service("local", "2026-01-01T00:00:00Z", "selector: {app: local}",
                "\"127.0.0.1\""));
        assertEquals(with(DEFAULT_NAMESPACE, "app", "local"), of(d, "127.0.0.1").labels());
    }

    @Test
    void ipv6BackendsAndIpv4MappedLookups() {
        Destinations d = destinations(WEB + """
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: web-6, namespace: default, labels: {kubernetes.io/service-name: web}}
                addressType: IPv6
                endpoints: [{addresses: ["fd00::11", "fd00:0:0:1::11"]}]
                """);
        Identity web = of(d, "10.0.1.11");
        assertSame(web, of(d, "fd00::11"));
        assertSame(web, d.labelsOf(0xfd00_0000_0000_0001L, 0x11L));
        assertSame(Identity.WORLD, d.labelsOf(0xfd00_0000_0000_0002L, 0x11L));
        assertSame(web, d.labelsOf(0L, 0xffff_0a00_010bL), "::ffff:10.0.1.11");
        assertSame(Identity.HOST, d.labelsOf(0L, 0xffff_7f00_0001L), "::ffff:127.0.0.1");
    }

    @Test
    void aSliceWithoutItsServiceIsNoDestination() {
        Destinations d = destinations("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: orphan-1, namespace: default, labels: {kubernetes.io/service-name: orphan}}
                addressType: IPv4
                endpoints: [{addresses: ["10.0.3.3"]}]
                """);
        assertSame(Identity.WORLD, of(d, "10.0.3.3"));
        assertEquals(List.of(), d.identities());
    }
}
