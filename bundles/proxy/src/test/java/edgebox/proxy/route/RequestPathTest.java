package edgebox.proxy.route;

import static edgebox.proxy.route.Fixtures.INFRA;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.describe;
import static edgebox.proxy.route.Fixtures.forward;
import static edgebox.proxy.route.Fixtures.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path normalisation before matching: every spelling of a path is routed, checked and forwarded as its plain
 * spelling, so none gets past the route that the plain one meets.
 */
class RequestPathTest {

    /** /admin answers 403 through a redirect to a login page; everything else goes to v1. */
    private static final PortTable TABLE = port(compile(INFRA + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: site, namespace: infra}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - matches: [{path: {type: PathPrefix, value: /admin}}]
                filters: [{type: RequestRedirect, requestRedirect: {hostname: login.example}}]
              - matches: [{path: {type: PathPrefix, value: /}}]
                backendRefs: [{name: v1, port: 8080}]
            """), "127.0.0.1", 80);

    @ParameterizedTest
    @CsvSource({"/a/b/../c,/a/c", "/a/./b,/a/b", "/a/b/..,/a/", "/a/b/.,/a/b/", "/..,/", "/../../a,/a",
        "//a///b//,/a/b/", "//,/", "/%61%62c,/abc", "/%2e%2E/a,/a", "/a/%2e,/a/", "/%7e%2D%5f,/~-_",
        "/a%2fb,/a%2Fb", "/%c3%a9,/%C3%A9", "/a%20b,/a%20b", "/a%25,/a%25", "/a/.b/..c,/a/.b/..c",
        "/.well-known/x,/.well-known/x"})
    void normalizes(String raw, String normal) {
        assertEquals(normal, RequestPath.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a/b", "/a/b/", "/a.b/c-d_e~f", "/a;b=c", "*"})
    void aPlainPathIsTheSameInstance(String raw) {
        assertSame(raw, RequestPath.normalize(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a\\b", "/a%5cb", "/a%5C..", "/a%", "/a%4", "/a%G1", "/a%4g"})
    void backslashesAndBrokenEscapesAreRefused(String raw) {
        assertNull(RequestPath.normalize(raw));
        assertEquals("status 400", describe(TABLE.route(null, Req.get("h", raw))));
    }

    @ParameterizedTest
    @CsvSource({"/admin,302 http://login.example/admin", "//admin,302 http://login.example/admin",
        "/x/../admin,302 http://login.example/admin", "/%61dmin/,302 http://login.example/admin/",
        "/./admin//panel,302 http://login.example/admin/panel", "/admin/x/..,302 http://login.example/admin/",
        "/adminx,infra/v1:8080", "/admin%20,infra/v1:8080"})
    void everySpellingMeetsTheRouteOfItsPlainPath(String raw, String expected) {
        assertEquals(expected, describe(TABLE.route(null, Req.get("h", raw))));
    }

    @ParameterizedTest
    @CsvSource({"/admin%2F..,/", "/public%2F..%2Fadmin,/admin", "/a%2fb?q=1,/a/b?q=1"})
    void anEscapedSlashIsRedirectedToItsUnescapedPath(String raw, String location) {
        assertEquals("307 " + location, describe(TABLE.route(null, Req.get("h", raw))));
    }

    @Test
    void theBackendGetsTheNormalisedPath() {
        assertEquals("/a/c?x=%2F", forward(TABLE.route(null, Req.get("h", "//a/b/../c?x=%2F"))).path());
        assertEquals("/a/c", forward(TABLE.route(null, Req.get("h", "/a/c"))).path());
    }
}
