package edgebox.proxy.route;

import static edgebox.proxy.route.Fixtures.INFRA;
import static edgebox.proxy.route.Fixtures.assertAccepted;
import static edgebox.proxy.route.Fixtures.backend;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.condition;
import static edgebox.proxy.route.Fixtures.describe;
import static edgebox.proxy.route.Fixtures.forward;
import static edgebox.proxy.route.Fixtures.port;
import static edgebox.proxy.route.Fixtures.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** backendRefs: weights, unresolved shares, ReferenceGrant, endpoints (httproute-weight, -invalid-*, -reference-grant). */
class BackendsTest {

    private static String httpRoute(String ns, String backends) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: %s}
                spec:
                  parentRefs: [{name: gw, namespace: infra}]
                  rules:
                  - backendRefs: %s
                """.formatted(ns, backends);
    }

    @Test
    void weightsSplitTraffic() {
        PortTable t = port(compile(INFRA + httpRoute("infra",
                "[{name: v1, port: 8080, weight: 70}, {name: v2, port: 8080, weight: 30}, "
                        + "{name: v3, port: 8080, weight: 0}]")), "127.0.0.1", 80);
        RouteDecision.WeightedClusters w = forward(t.route(null, Req.get("h", "/"))).backends();
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            counts.merge(w.pick(i).name(), 1, Integer::sum);
        }
        assertEquals(Map.of("infra/v1:8080", 70, "infra/v2:8080", 30), counts);
    }

    @Test
    void allZeroWeightsAnswer500() {
        PortTable t = port(compile(INFRA + httpRoute("infra", "[{name: v1, port: 8080, weight: 0}]")), "127.0.0.1", 80);
        assertEquals("status 500", describe(t.route(null, Req.get("h", "/"))));
    }

    @Test
    void ruleWithoutBackendsAnswers500() {
        PortTable t = port(compile(INFRA + httpRoute("infra", "[]")), "127.0.0.1", 80);
        assertEquals("status 500", describe(t.route(null, Req.get("h", "/"))));
    }

    @ParameterizedTest
    @CsvSource({"'{name: missing, port: 8080}',BackendNotFound", "'{name: v1, port: 9999}',BackendNotFound",
        "'{name: v1, port: 8080, kind: Pod}',InvalidKind", "'{name: v1, port: 8080, namespace: other}',RefNotPermitted"})
    void unresolvedBackendKeepsItsShareAndNamesTheReason(String ref, String reason) {
        Compiler.Compilation c = compile(INFRA + httpRoute("infra", "[{name: v2, port: 8080}, " + ref + "]"));
        RouteDecision.WeightedClusters w = forward(port(c, "127.0.0.1", 80).route(null, Req.get("h", "/"))).backends();
        assertTrue(w.pick(0).resolved());
        assertFalse(w.pick(1).resolved(), "the unresolved share answers 500");
        Status.Condition refs = condition(route(c, "infra/r").parents().get(0).conditions(), "ResolvedRefs");
        assertFalse(refs.status());
        assertEquals(reason, refs.reason());
        assertAccepted(c, "infra/r", true, "Accepted");
    }

    @Test
    void crossNamespaceBackendNeedsAReferenceGrant() {
        String yaml = INFRA + backend("apps", "web", "10.0.1.1") + httpRoute("infra", "[{name: web, namespace: apps, port: 8080}]");
        Compiler.Compilation refused = compile(yaml);
        assertEquals("RefNotPermitted", condition(route(refused, "infra/r").parents().get(0).conditions(),
                "ResolvedRefs").reason());
        assertFalse(forward(port(refused, "127.0.0.1", 80).route(null, Req.get("h", "/"))).backends().pick(0)
                .resolved());
        Compiler.Compilation granted = compile(yaml + """
                ---
                apiVersion: gateway.networking.k8s.io/v1beta1
                kind: ReferenceGrant
                metadata: {name: from-infra, namespace: apps}
                spec:
                  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]
                  to: [{group: "", kind: Service}]
                """);
        Cluster web = forward(port(granted, "127.0.0.1", 80).route(null, Req.get("h", "/"))).backends().pick(0);
        assertTrue(web.resolved(), web.problem());
        assertEquals("/10.0.1.1:3000", web.endpoints().get(0).address().toString());
    }

    @Test
    void endpointsCarryReadinessAndAppProtocol() {
        Compiler.Compilation c = compile(INFRA + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: grpc, namespace: infra}
                spec: {ports: [{name: h2, port: 9000, appProtocol: kubernetes.io/h2c}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: grpc-a, namespace: infra, labels: {kubernetes.io/service-name: grpc}}
                addressType: IPv4
                ports: [{name: h2, port: 50051}, {name: other, port: 1}]
                endpoints:
                - addresses: [10.1.0.1]
                - addresses: [10.1.0.2]
                  conditions: {ready: false, serving: true}
                """ + httpRoute("infra", "[{name: grpc, port: 9000}]"));
        Cluster grpc = forward(port(c, "127.0.0.1", 80).route(null, Req.get("h", "/"))).backends().pick(0);
        assertTrue(grpc.h2c());
        assertEquals(2, grpc.endpoints().size());
        assertTrue(grpc.endpoints().get(0).ready());
        assertFalse(grpc.endpoints().get(1).ready());
        assertTrue(grpc.endpoints().get(1).serving());
        assertEquals(50051, grpc.endpoints().get(1).address().getPort());
    }
}
