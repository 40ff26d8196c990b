package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.objects.testing.YamlObjects;
import edgebox.api.objects.KubeObject;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.route.ProxySnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Gateway API filters end to end: manifests compiled by H1's Compiler, served by the data path, checked at the
 * backend and the client (after the conformance tests HTTPRouteRequestHeaderModifier, ResponseHeaderModifier,
 * RewriteHost/Path, RedirectHostAndStatus, missing backend, no matching host).
 */
class CompiledRoutesTest {

    private static final String MANIFESTS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: edgebox
              listeners:
              - {name: http, port: %1$d, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: echo, namespace: infra}
            spec: {ports: [{name: http, port: 8080}]}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: echo-1, namespace: infra, labels: {kubernetes.io/service-name: echo}}
            addressType: IPv4
            ports: [{name: http, port: %2$d}]
            endpoints: [{addresses: [127.0.0.1], conditions: {ready: true}}]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: infra}
            spec:
              parentRefs: [{name: gw}]
              hostnames: [shop.example]
              rules:
              - matches: [{path: {type: PathPrefix, value: /hdr}}]
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier:
                    set: [{name: X-Set, value: s}]
                    add: [{name: X-Add, value: a}]
                    remove: [X-Remove]
                - type: ResponseHeaderModifier
                  responseHeaderModifier:
                    add: [{name: X-Resp, value: r}]
                    remove: [X-Backend]
                backendRefs: [{name: echo, port: 8080}]
              - matches: [{path: {type: PathPrefix, value: /old}}]
                filters:
                - type: URLRewrite
                  urlRewrite: {hostname: new.example, path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}}
                backendRefs: [{name: echo, port: 8080}]
              - matches: [{path: {type: PathPrefix, value: /strip}}]
                filters:
                - type: URLRewrite
                  urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: ""}}
                backendRefs: [{name: echo, port: 8080}]
              - matches: [{path: {type: Exact, value: /redirect}}]
                filters:
                - type: RequestRedirect
                  requestRedirect: {hostname: other.example, statusCode: 301}
              - matches: [{path: {type: PathPrefix, value: /missing}}]
                backendRefs: [{name: nothere, port: 8080}]
              - matches: [{path: {type: PathPrefix, value: /admin}}]
                filters:
                - type: RequestRedirect
                  requestRedirect: {hostname: login.example}
              - backendRefs: [{name: echo, port: 8080}]
            """;

    private static ProxyHarness proxy;

    @BeforeAll
    static void start() throws InterruptedException {
        proxy = new ProxyHarness(Limits.defaults(), (bound, backend) -> compile(MANIFESTS.formatted(bound.getPort(),
                backend.address().getPort())), null);
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static ProxySnapshot compile(String yaml) {
        return Compiler.compile(1, YamlObjects.snapshot(yaml)).snapshot();
    }

    private static RawHttp.Response get(String path, String host, String extra) throws Exception {
        try (RawHttp c = new RawHttp(proxy.port())) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n").read();
        }
    }

    @Test
    void headerModifiersChangeRequestAndResponse() throws Exception {
        RawHttp.Response r = get("/hdr/x", "shop.example", "X-Remove: 1\r\nX-Set: old\r\nX-Add: first\r\n");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("x-set: s\n"), r.body());
        assertFalse(r.body().contains("x-set: old"), r.body());
        assertTrue(r.body().contains("x-add: first\n") && r.body().contains("x-add: a\n"), r.body());
        assertFalse(r.body().contains("x-remove"), r.body());
        assertEquals("r", r.headers().get("x-resp"));
        assertFalse(r.headers().containsKey("x-backend"));
    }

    @Test
    void urlRewriteReplacesHostAndPrefix() throws Exception {
        RawHttp.Response r = get("/old/page?q=1", "shop.example", "");
        assertTrue(r.body().startsWith("GET /new/page?q=1\n"), r.body());
        assertTrue(r.body().contains("host: new.example\n"), r.body());
    }

    @Test
    void emptyPrefixReplacementStripsThePrefix() throws Exception {
        assertTrue(get("/strip/page?q=1", "shop.example", "").body().startsWith("GET /page?q=1\n"));
        RawHttp.Response r = get("/strip", "shop.example", "");
        assertTrue(r.body().startsWith("GET /\n"), r.body());
    }

    @Test
    void redirectAnswersWithoutTheBackend() throws Exception {
        RawHttp.Response r = get("/redirect", "shop.example", "");
        assertEquals(301, r.status());
        // no scheme and no port in the filter: the listener's port, which is not 80 here (Gateway API spec)
        assertEquals("http://other.example:" + proxy.port() + "/redirect", r.headers().get("location"));
    }

    @Test
    void noSpellingOfAPathGetsPastItsRoute() throws Exception {
        for (String path : new String[] {"/admin", "//admin", "/public/../admin", "/%61dmin", "/x/%2e%2e/admin"}) {
            RawHttp.Response r = get(path, "shop.example", "");
            assertEquals(302, r.status(), path);
            assertEquals("http://login.example:" + proxy.port() + "/admin", r.headers().get("location"), path);
        }
        RawHttp.Response escaped = get("/public%2F..%2Fadmin?q=1", "shop.example", "");
        assertEquals(307, escaped.status());
        assertEquals("/admin?q=1", escaped.headers().get("location"));
        assertEquals(400, get("/admin%5C", "shop.example", "").status());
        RawHttp.Response forwarded = get("//a/b/../c?q=1", "shop.example", "");
        assertTrue(forwarded.body().startsWith("GET /a/c?q=1\n"), forwarded.body());
    }

    @Test
    void unresolvedBackendIs500AndUnknownHostIs404() throws Exception {
        assertEquals(500, get("/missing", "shop.example", "").status());
        assertEquals(404, get("/hdr", "unknown.example", "").status());
    }
}
