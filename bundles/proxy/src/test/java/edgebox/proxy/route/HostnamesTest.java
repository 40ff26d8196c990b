package edgebox.proxy.route;

import edgebox.objects.testing.TestCertificates;
import static edgebox.proxy.route.Fixtures.assertAccepted;
import static edgebox.proxy.route.Fixtures.backend;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.describe;
import static edgebox.proxy.route.Fixtures.port;
import static edgebox.proxy.route.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Listener selection and hostname intersection (httproute-listener-hostname-matching, httproute-hostname-intersection,
 * gateway-http-listener-isolation), 421 on HTTPS, TLS passthrough by SNI.
 */
class HostnamesTest {

    private static String route(String name, String section, String hostnames, String backend) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: infra}
                spec:
                  parentRefs: [{name: gw, sectionName: %s}]
                  hostnames: %s
                  rules:
                  - backendRefs: [{name: %s, port: 8080}]
                """.formatted(name, section, hostnames, backend);
    }

    private static final String LISTENERS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: edgebox
              addresses: [{value: 10.9.9.9}]
              listeners:
              - {name: empty, port: 80, protocol: HTTP}
              - {name: wild, port: 80, protocol: HTTP, hostname: "*.example.com"}
              - {name: wild-foo, port: 80, protocol: HTTP, hostname: "*.foo.example.com"}
              - {name: exact, port: 80, protocol: HTTP, hostname: bar.example.com}
            """ + backend("infra", "v1", "10.0.0.1") + backend("infra", "v2", "10.0.0.2")
            + backend("infra", "v3", "10.0.0.3") + backend("infra", "v4", "10.0.0.4");

    private static final Compiler.Compilation ISOLATION = compile(LISTENERS
            + route("empty", "empty", "[]", "v1") + route("wild", "wild", "[]", "v2")
            + route("wild-foo", "wild-foo", "[]", "v3") + route("exact", "exact", "[]", "v4"));

    @ParameterizedTest
    @CsvSource({"bar.example.com,v4", "baz.example.com,v2", "a.b.example.com,v2", "x.foo.example.com,v3",
        "foo.example.com,v2", "example.com,v1", "other.org,v1"})
    void mostSpecificListenerOnly(String host, String backend) {
        assertEquals("infra/" + backend + ":8080", target(port(ISOLATION, "10.9.9.9", 80), Req.get(host, "/")));
    }

    @Test
    void routeHostnamesIntersectListenerHostnames() {
        Compiler.Compilation c = compile(LISTENERS
                + route("r1", "wild", "[very.specific.example.com, other.org]", "v1")
                + route("r2", "wild", "['*.sub.example.com']", "v2")
                + route("r3", "wild", "['*.com']", "v3")
                + route("none", "exact", "[no.example.com]", "v4"));
        PortTable t = port(c, "10.9.9.9", 80);
        assertEquals("infra/v1:8080", target(t, Req.get("very.specific.example.com", "/")));
        assertEquals("infra/v2:8080", target(t, Req.get("a.sub.example.com", "/")));
        assertEquals("infra/v3:8080", target(t, Req.get("any.example.com", "/")), "*.com narrowed to *.example.com");
        assertEquals("status 404", target(t, Req.get("other.org", "/")), "other.org falls to the empty listener");
        assertAccepted(c, "infra/none", false, "NoMatchingListenerHostname");
    }

    @Test
    void exactRouteHostnameBeatsWildcardThenFallsThrough() {
        Compiler.Compilation c = compile(LISTENERS
                + route("wild", "empty", "['*.example.org']", "v1")
                + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: exact, namespace: infra}
                spec:
                  parentRefs: [{name: gw, sectionName: empty}]
                  hostnames: [a.example.org]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /x}}]
                    backendRefs: [{name: v2, port: 8080}]
                """);
        PortTable t = port(c, "10.9.9.9", 80);
        assertEquals("infra/v2:8080", target(t, Req.get("a.example.org", "/x")));
        assertEquals("infra/v1:8080", target(t, Req.get("a.example.org", "/y")));
        assertEquals("infra/v1:8080", target(t, Req.get("b.example.org", "/x")));
    }

    private static final TestCertificates.Made CERT = TestCertificates.make(TestCertificates.Kind.EC,
            "*.example.com");
    private static final String TLS_DATA = "data: {tls.crt: " + TestCertificates.base64(CERT.certificatePem())
            + ", tls.key: " + TestCertificates.base64(CERT.pkcs8KeyPem()) + "}";

    private static final String TLS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: edgebox
              listeners:
              - name: https
                port: 443
                protocol: HTTPS
                hostname: "*.example.com"
                tls: {certificateRefs: [{name: wildcard}]}
              - name: https-exact
                port: 443
                protocol: HTTPS
                hostname: secure.example.com
                tls: {certificateRefs: [{name: secure}]}
              - name: pass
                port: 443
                protocol: TLS
                hostname: "*.pass.example.org"
                tls: {mode: Passthrough}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: wildcard, namespace: infra}
            type: kubernetes.io/tls
            data: {tls.crt: QQ==, tls.key: QQ==}
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TLSRoute
            metadata: {name: pass, namespace: infra}
            spec:
              parentRefs: [{name: gw, sectionName: pass}]
              hostnames: [db.pass.example.org]
              rules: [{backendRefs: [{name: v3, port: 8080}]}]
            """.replace("data: {tls.crt: QQ==, tls.key: QQ==}", TLS_DATA)
            + backend("infra", "v1", "10.0.0.1") + backend("infra", "v3", "10.0.0.3")
            + route("web", "https", "[]", "v1") + route("secure", "https-exact", "[]", "v1");

    @Test
    void sniChoosesTheListenerAndHostOutsideItIsMisdirected() {
        PortTable t = port(compile(TLS), "127.0.0.1", 443);
        ListenerInfo wild = t.tlsListener("www.example.com");
        assertEquals("https", wild.name());
        assertEquals("https-exact", t.tlsListener("secure.example.com").name());
        assertEquals("pass", t.tlsListener("db.pass.example.org").name());
        assertNull(t.tlsListener("other.org"));
        assertEquals("infra/v1:8080", describe(t.route(wild, Req.of("https", "GET", "www.example.com", "/"))));
        assertEquals("status 421", describe(t.route(wild, Req.of("https", "GET", "other.org", "/"))));
        assertEquals("status 421", describe(t.route(wild, Req.of("https", "GET", "secure.example.com", "/"))));
    }

    @Test
    void passthroughBySni() {
        PortTable t = port(compile(TLS), "127.0.0.1", 443);
        ListenerInfo pass = t.tlsListener("db.pass.example.org");
        assertEquals("passthrough infra/v3:8080", describe(t.passthrough(pass, "db.pass.example.org")));
        assertEquals("status 404", describe(t.passthrough(pass, "web.pass.example.org")));
    }

    @Test
    void certificateRefsListedAndMissingSecretReported() {
        Compiler.Compilation c = compile(TLS);
        PortTable t = port(c, "127.0.0.1", 443);
        assertEquals(java.util.List.of("infra/wildcard"), t.tlsListener("a.example.com").certificateRefs());
        Status.ListenerStatus exact = c.snapshot().status().gateways().get(0).listeners().get(1);
        assertEquals("InvalidCertificateRef", Fixtures.condition(exact.conditions(), "ResolvedRefs").reason());
        assertEquals(1, exact.attachedRoutes());
    }

    @Test
    void anOpaqueSecretIsNoCertificateForAListener() {
        String opaque = TLS.replace("type: kubernetes.io/tls\n" + TLS_DATA,
                "type: Opaque\ndata: {api-token: QQ==}");
        org.junit.jupiter.api.Assertions.assertNotEquals(TLS, opaque, "the fixture changed");
        Status.ListenerStatus wild = compile(opaque).snapshot().status().gateways().get(0).listeners().get(0);
        assertEquals("InvalidCertificateRef", Fixtures.condition(wild.conditions(), "ResolvedRefs").reason());
    }
}
