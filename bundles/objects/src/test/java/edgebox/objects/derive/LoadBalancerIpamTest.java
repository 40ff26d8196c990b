package edgebox.objects.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;
import edgebox.api.objects.KubeObject;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.Service;
import edgebox.objects.testing.YamlObjects;

/** LB-IPAM as Cilium does it, with allocations that never move when another Service comes or goes. */
class LoadBalancerIpamTest {

    private static final String POOL = """
            apiVersion: cilium.io/v2alpha1
            kind: CiliumLoadBalancerIPPool
            metadata: {name: segment}
            spec:
              blocks: [{start: 172.16.1.70, stop: 172.16.1.72}]
              serviceSelector: {matchLabels: {pool: segment}}
            ---
            """;

    private static String service(String name, String extra) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: apps, labels: {pool: segment}%s}
                spec: {type: LoadBalancer, ports: [{port: 80}]%s}
                ---
                """.formatted(name, extra.startsWith("annotations") ? ", " + extra : "",
                extra.startsWith("loadBalancerIP") ? ", " + extra : "");
    }

    private static Map<String, String> addresses(ObjectSnapshot s) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Service svc : s.services()) {
            out.put(svc.meta().name(), String.join(",", s.loadBalancerAddresses(svc).stream().map(Cidr::text)
                    .toList()));
        }
        return out;
    }

    private static Snapshots.Built build(String yaml, Map<String, InetAddress> previous) {
        return Snapshots.build(1, YamlObjects.parse(yaml), ObjectSnapshot.GatewaySettings.DEFAULT, List.of(),
                previous);
    }

    @Test
    void requestedAddressesAndAnnotationsWinAndPoolsFillTheRest() {
        Snapshots.Built b = build(POOL + service("fixed", "loadBalancerIP: 172.16.1.61")
                + service("annotated", "annotations: {lbipam.cilium.io/ips: \"172.16.1.62\"}")
                + service("pooled", ""), Map.of());
        assertEquals(Map.of("fixed", "172.16.1.61", "annotated", "172.16.1.62", "pooled", "172.16.1.70"),
                addresses(b.snapshot()));
        assertEquals(Map.of("apps/pooled", Cidr.address("172.16.1.70")), b.allocations());
    }

    @Test
    void addingAServiceNeverMovesAnother() {
        Snapshots.Built first = build(POOL + service("web", ""), Map.of());
        assertEquals("172.16.1.70", addresses(first.snapshot()).get("web"));
        // "api" sorts before "web" by name and would have taken .70 if allocations were recomputed
        Snapshots.Built second = build(POOL + service("api", "") + service("web", ""), first.allocations());
        assertEquals(Map.of("api", "172.16.1.71", "web", "172.16.1.70"), addresses(second.snapshot()));
        Snapshots.Built restarted = build(POOL + service("api", "") + service("web", ""), second.allocations());
        assertEquals(addresses(second.snapshot()), addresses(restarted.snapshot()));
    }

    @Test
    void theOlderServiceKeepsAContestedAddressAndAFullPoolIsAProblem() {
        List<KubeObject> objects = new ArrayList<>(YamlObjects.parse(POOL + service("a", "") + service("b", "")
                + service("c", "") + service("d", "") + """
                apiVersion: v1
                kind: Service
                metadata: {name: late, namespace: apps, creationTimestamp: "2026-01-02T00:00:00Z"}
                spec: {type: LoadBalancer, loadBalancerIP: 172.16.1.61}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: early, namespace: apps, creationTimestamp: "2026-01-01T00:00:00Z"}
                spec: {type: LoadBalancer, loadBalancerIP: 172.16.1.61}
                """));
        Snapshots.Built b = Snapshots.build(1, objects, ObjectSnapshot.GatewaySettings.DEFAULT, List.of(), Map.of());
        Map<String, String> got = addresses(b.snapshot());
        assertEquals("172.16.1.61", got.get("early"));
        assertEquals("", got.get("late"));
        assertEquals("", got.get("d"), "the pool has three addresses");
        List<String> problems = b.snapshot().problems().stream().map(Object::toString).toList();
        assertTrue(problems.contains("Service apps/late: spec.loadBalancerIP: 172.16.1.61 is already the address of "
                + "Service apps/early (the older one keeps it)"), problems.toString());
        assertTrue(problems.contains("Service apps/d: spec: no free address in a pool that selects it"),
                problems.toString());
    }

    @Test
    void aPoolThatNoLongerSelectsTheServiceTakesItsAddressBack() {
        Snapshots.Built first = build(POOL + service("web", ""), Map.of());
        Snapshots.Built moved = build(POOL.replace("pool: segment}}", "pool: other}}") + service("web", ""),
                first.allocations());
        assertEquals("", addresses(moved.snapshot()).get("web"));
        assertEquals(Map.of(), moved.allocations());
    }
}
