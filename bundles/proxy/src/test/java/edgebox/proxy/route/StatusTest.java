package edgebox.proxy.route;

import static edgebox.proxy.route.Fixtures.INFRA;
import static edgebox.proxy.route.Fixtures.assertAccepted;
import static edgebox.proxy.route.Fixtures.backend;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.condition;
import static edgebox.proxy.route.Fixtures.port;
import static edgebox.proxy.route.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import edgebox.api.route.RouteHostname;

/** Gateway, listener and route status; conflicts; gateway classes; the RouteTable's hostnames; GRPCRoute. */
class StatusTest {

    private static final String GATEWAY = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: edgebox
              addresses: [{type: IPAddress, value: 172.16.1.61}]
              listeners:
              - name: same
                port: 80
                protocol: HTTP
                hostname: same.example.com
              - name: selector
                port: 80
                protocol: HTTP
                hostname: sel.example.com
                allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {kubernetes.io/metadata.name: apps}}}}
              - name: tls-only
                port: 80
                protocol: HTTP
                hostname: kinds.example.com
                allowedRoutes: {kinds: [{kind: GRPCRoute}], namespaces: {from: All}}
            """ + backend("apps", "web", "10.0.0.1") + backend("other", "web", "10.0.0.2")
            + backend("infra", "v1", "10.0.0.3");

    private static String route(String ns, String parent) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: %s}
                spec:
                  parentRefs: [%s]
                  rules: [{backendRefs: [{name: web, port: 8080}]}]
                """.formatted(ns, parent);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "apps|{name: gw, namespace: infra, sectionName: selector}|true|Accepted",
        "other|{name: gw, namespace: infra, sectionName: selector}|false|NotAllowedByListeners",
        "apps|{name: gw, namespace: infra, sectionName: same}|false|NotAllowedByListeners",
        "apps|{name: gw, namespace: infra, sectionName: tls-only}|false|NotAllowedByListeners",
        "apps|{name: gw, namespace: infra, sectionName: nope}|false|NoMatchingParent",
        "apps|{name: gw, namespace: infra, port: 8080}|false|NoMatchingParent",
        "apps|{name: gw, namespace: infra, port: 80}|true|Accepted",
        "apps|{name: missing, namespace: infra}|false|NoMatchingParent",
        "apps|{name: gw, namespace: infra, kind: Service, group: ''}|false|UnsupportedValue"})
    void routeAcceptance(String ns, String parent, boolean accepted, String reason) {
        assertAccepted(compile(GATEWAY + route(ns, parent)), ns + "/r", accepted, reason);
    }

    @Test
    void aSelectorMatchesTheLabelsOfTheNamespaceObject() {
        String labelled = GATEWAY.replace("matchLabels: {kubernetes.io/metadata.name: apps}", "matchLabels: {team: web}")
                + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: apps, labels: {team: web}}
                """;
        assertAccepted(compile(labelled + route("apps", "{name: gw, namespace: infra, sectionName: selector}")),
                "apps/r", true, "Accepted");
        assertAccepted(compile(labelled + route("other", "{name: gw, namespace: infra, sectionName: selector}")),
                "other/r", false, "NotAllowedByListeners");
    }

    @Test
    void attachedRoutesAndConditionsPerListener() {
        Compiler.Compilation c = compile(GATEWAY + route("apps", "{name: gw, namespace: infra}"));
        Status.GatewayStatus g = c.snapshot().status().gateways().get(0);
        assertTrue(condition(g.conditions(), "Programmed").status());
        assertEquals(List.of(0, 1, 0), g.listeners().stream().map(Status.ListenerStatus::attachedRoutes).toList());
        assertEquals("infra/gw", g.key());
        assertEquals(List.of("172.16.1.61"), g.addresses());
        assertEquals("apps/web:8080", target(port(c, "172.16.1.61", 80), Req.get("sel.example.com", "/")));
    }

    @Test
    void httpAndTlsOnOnePortConflict() {
        Compiler.Compilation c = compile(INFRA + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: late, namespace: infra}
                spec:
                  gatewayClassName: edgebox
                  listeners:
                  - {name: pass, port: 80, protocol: TLS, tls: {mode: Passthrough}}
                  - {name: dup, port: 81, protocol: HTTP}
                  - {name: dup2, port: 81, protocol: HTTP, hostname: a.example.com}
                  - {name: tcp, port: 82, protocol: TCP}
                """);
        Status.GatewayStatus late = c.snapshot().status().gateways().stream()
                .filter(g -> g.key().equals("infra/late")).findFirst().orElseThrow();
        Status.Condition conflicted = condition(late.listeners().get(0).conditions(), "Conflicted");
        assertTrue(conflicted.status());
        assertEquals("ProtocolConflict", conflicted.reason());
        assertFalse(condition(late.listeners().get(0).conditions(), "Programmed").status());
        assertFalse(condition(late.listeners().get(1).conditions(), "Conflicted").status());
        assertEquals("UnsupportedProtocol", condition(late.listeners().get(3).conditions(), "Accepted").reason());
        assertFalse(port(c, "127.0.0.1", 80).tls(), "the older HTTP listener keeps the port");
        assertEquals(2, port(c, "127.0.0.1", 81).listeners().size());
    }

    @Test
    void gatewaysOfOtherClassesAreIgnored() {
        Compiler.Compilation c = compile(INFRA.replace("gatewayClassName: edgebox", "gatewayClassName: envoy"));
        assertTrue(c.snapshot().ports().isEmpty());
        assertFalse(c.snapshot().status().gateways().get(0).ours());
    }

    @Test
    void routeTableHasAttachedHostnamesAndLoadBalancerServices() throws Exception {
        Compiler.Compilation c = compile(GATEWAY + route("apps", "{name: gw, namespace: infra}") + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: lb
                  namespace: apps
                  annotations: {external-dns.alpha.kubernetes.io/hostname: "db.example.com,db2.example.com."}
                spec: {type: LoadBalancer, loadBalancerIP: 172.16.1.70, ports: [{port: 5432}]}
                """);
        InetAddress vip = InetAddress.ofLiteral("172.16.1.61");
        assertEquals(List.of(new RouteHostname("sel.example.com", "infra/gw", List.of(vip), "HTTPRoute apps/r"),
                new RouteHostname("db.example.com", "apps/lb", List.of(InetAddress.ofLiteral("172.16.1.70")),
                        "Service apps/lb"),
                new RouteHostname("db2.example.com", "apps/lb", List.of(InetAddress.ofLiteral("172.16.1.70")),
                        "Service apps/lb")), c.hostnames());
        assertTrue(c.snapshot().ports().containsKey(new InetSocketAddress(vip, 80)));
    }

    @Test
    void grpcRouteMatchesServiceAndMethod() {
        PortTable t = port(compile(INFRA + backend("infra", "grpc", "10.0.0.9") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: GRPCRoute
                metadata: {name: g, namespace: infra}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [{method: {service: grpc.Echo, method: Ping}}]
                    backendRefs: [{name: v1, port: 8080}]
                  - matches: [{method: {service: grpc.Echo}}]
                    backendRefs: [{name: v2, port: 8080}]
                  - matches: [{method: {method: Health}, headers: [{name: x-canary, value: "1"}]}]
                    backendRefs: [{name: v3, port: 8080}]
                """), "127.0.0.1", 80);
        assertEquals("infra/v1:8080", target(t, Req.of("http", "POST", "h", "/grpc.Echo/Ping")));
        assertEquals("infra/v2:8080", target(t, Req.of("http", "POST", "h", "/grpc.Echo/Other")));
        assertEquals("infra/v3:8080", target(t, Req.of("http", "POST", "h", "/any.Svc/Health").header("X-Canary", "1")));
        assertEquals("status 404", target(t, Req.of("http", "POST", "h", "/any.Svc/Health")));
    }
}
