package edgebox.proxy.route;

import static edgebox.proxy.route.Fixtures.INFRA;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.describe;
import static edgebox.proxy.route.Fixtures.forward;
import static edgebox.proxy.route.Fixtures.port;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters as decisions: httproute-redirect-*, httproute-rewrite-*, header modifiers, mirror, timeouts, retry. */
class FiltersTest {

    private static String rule(String prefix, String filter) {
        return """
                  - matches: [{path: {type: PathPrefix, value: %s}}]
                    filters: [%s]
                    backendRefs: [{name: v1, port: 8080}]
                """.formatted(prefix, filter);
    }

    private static final PortTable TABLE = port(compile(INFRA + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: filters, namespace: infra}
            spec:
              parentRefs: [{name: gw}]
              rules:
            """ + rule("/scheme", "{type: RequestRedirect, requestRedirect: {scheme: https}}")
            + rule("/host", "{type: RequestRedirect, requestRedirect: {hostname: example.org}}")
            + rule("/port", "{type: RequestRedirect, requestRedirect: {port: 8083}}")
            + rule("/scheme-port", "{type: RequestRedirect, requestRedirect: {scheme: https, port: 8443}}")
            + rule("/status", "{type: RequestRedirect, requestRedirect: {statusCode: 301}}")
            + rule("/full", "{type: RequestRedirect, requestRedirect: {path: {type: ReplaceFullPath, "
                    + "replaceFullPath: /full-path-replacement}}}")
            + rule("/original-prefix", "{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, "
                    + "replacePrefixMatch: /replacement-prefix}}}")
            + rule("/strip", "{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, "
                    + "replacePrefixMatch: /}}}")
            + rule("/empty", "{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, "
                    + "replacePrefixMatch: ''}}}")
            + rule("/rw-empty", "{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, "
                    + "replacePrefixMatch: ''}}}")
            + rule("/rw-prefix/", "{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, "
                    + "replacePrefixMatch: /one/}}}")
            + rule("/rw-full", "{type: URLRewrite, urlRewrite: {hostname: one.example.org, path: "
                    + "{type: ReplaceFullPath, replaceFullPath: /one}}}")
            + rule("/headers", "{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: X-Set, "
                    + "value: s}], add: [{name: X-Add, value: a}], remove: [X-Gone]}}, {type: ResponseHeaderModifier,"
                    + " responseHeaderModifier: {set: [{name: X-Resp, value: r}]}}")
            + rule("/mirror", "{type: RequestMirror, requestMirror: {backendRef: {name: v2, port: 8080}, "
                    + "fraction: {numerator: 1, denominator: 4}}}, {type: RequestMirror, requestMirror: "
                    + "{backendRef: {name: v3, port: 8080}}}")
            + """
              - matches: [{path: {type: PathPrefix, value: /timeouts}}]
                timeouts: {request: 10s, backendRequest: 1500ms}
                retry: {codes: [503, 504], attempts: 3, backoff: 100ms}
                backendRefs: [{name: v1, port: 8080}]
            """), "127.0.0.1", 80);

    static Stream<Arguments> redirects() {
        return Stream.of(
                Arguments.of("/scheme", "302 https://gw.example/scheme"),
                Arguments.of("/host/x?q=1", "302 http://example.org/host/x?q=1"),
                Arguments.of("/port", "302 http://gw.example:8083/port"),
                Arguments.of("/scheme-port", "302 https://gw.example:8443/scheme-port"),
                Arguments.of("/status", "301 http://gw.example/status"),
                Arguments.of("/full/deep", "302 http://gw.example/full-path-replacement"),
                Arguments.of("/original-prefix/lemon", "302 http://gw.example/replacement-prefix/lemon"),
                Arguments.of("/original-prefix", "302 http://gw.example/replacement-prefix"),
                Arguments.of("/strip/a/b", "302 http://gw.example/a/b"),
                Arguments.of("/strip", "302 http://gw.example/"),
                Arguments.of("/empty/a", "302 http://gw.example/a"),
                Arguments.of("/empty", "302 http://gw.example/"));
    }

    @ParameterizedTest
    @MethodSource("redirects")
    void redirects(String target, String expected) {
        assertEquals(expected, describe(TABLE.route(null, Req.get("gw.example", target))));
    }

    @Test
    void redirectOnAnotherListenerPortKeepsIt() {
        PortTable t = port(compile(INFRA.replace("port: 80,", "port: 8080,") + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: infra}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - filters: [{type: RequestRedirect, requestRedirect: {hostname: example.org}}]
                  - matches: [{path: {value: /https}}]
                    filters: [{type: RequestRedirect, requestRedirect: {scheme: https}}]
                """), "127.0.0.1", 8080);
        assertEquals("302 http://example.org:8080/a", describe(t.route(null, Req.get("h", "/a"))));
        assertEquals("302 https://h/https", describe(t.route(null, Req.get("h", "/https"))));
    }

    @ParameterizedTest
    @CsvSource({"/rw-prefix,/one/", "/rw-prefix/,/one/", "/rw-prefix/two,/one/two", "/rw-full/x?a=b,/one?a=b",
        "/rw-empty,/", "/rw-empty/,/", "/rw-empty/two?a=b,/two?a=b"})
    void rewritesPath(String target, String path) {
        assertEquals(path, forward(TABLE.route(null, Req.get("gw.example", target))).path());
    }

    @Test
    void rewritesHostOnlyWhenAsked() {
        assertEquals("one.example.org", forward(TABLE.route(null, Req.get("gw.example", "/rw-full"))).host());
        assertEquals("gw.example", forward(TABLE.route(null, Req.get("gw.example", "/rw-prefix"))).host());
    }

    @ParameterizedTest
    @CsvSource({"/foo,/xyz,/foo/bar,/xyz/bar", "/foo/,/xyz,/foo/bar,/xyz/bar", "/foo,/xyz/,/foo/bar,/xyz/bar",
        "/foo/,/xyz/,/foo/bar,/xyz/bar", "/foo,/xyz,/foo,/xyz", "/foo,/xyz,/foo/,/xyz/", "/foo,/xyz/,/foo,/xyz/",
        "/,/xyz,/foo/bar,/xyz/foo/bar", "/,/xyz/,/foo/bar,/xyz/foo/bar", "/foo,/,/foo/bar,/bar", "/foo,/,/foo,/", "/foo,/,/foo/,/", "/foo,'',/foo/bar,/bar", "/foo,'',/foo/,/",
        "/foo,'',/foo,/", "/,'',/foo,/foo", "/,'',/,/"})
    void replacePrefixSlashRules(String prefix, String replacement, String path, String expected) {
        String normalized = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        assertEquals(expected, RuleAction.replacePrefix(path, normalized, replacement));
    }

    @Test
    void headerModifiers() {
        RouteDecision.Forward f = forward(TABLE.route(null, Req.get("gw.example", "/headers")));
        assertEquals(Map.of("x-set", "s"), f.requestHeaders().set());
        assertEquals(Map.of("x-add", "a"), f.requestHeaders().add());
        assertEquals(Set.of("x-gone"), f.requestHeaders().remove());
        assertEquals(Map.of("x-resp", "r"), f.responseHeaders().set());
    }

    @Test
    void mirrorsWithFractionAndDefaultHundredPercent() {
        RouteDecision.Forward f = forward(TABLE.route(null, Req.get("gw.example", "/mirror")));
        assertEquals(2, f.mirrors().size());
        assertEquals("infra/v2:8080", f.mirrors().get(0).cluster().name());
        assertEquals(25.0, f.mirrors().get(0).percent());
        assertEquals(100.0, f.mirrors().get(1).percent());
    }

    @Test
    void timeoutsAndRetry() {
        RouteDecision.Forward f = forward(TABLE.route(null, Req.get("gw.example", "/timeouts")));
        assertEquals(new RouteDecision.Timeouts(Duration.ofSeconds(10), Duration.ofMillis(1500)), f.timeouts());
        assertEquals(Set.of(503, 504), f.retry().codes());
        assertEquals(3, f.retry().attempts());
        assertEquals(Duration.ofMillis(100), f.retry().backoff());
        RouteDecision.Forward plain = forward(TABLE.route(null, Req.get("gw.example", "/headers")));
        assertEquals(RouteDecision.Timeouts.NONE, plain.timeouts());
        assertEquals(RouteDecision.Retry.NONE, plain.retry());
    }
}
