package edgebox.proxy.route;

import static edgebox.proxy.route.Fixtures.INFRA;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.port;
import static edgebox.proxy.route.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import edgebox.api.objects.KubeObject;
import edgebox.api.objects.Route;
import edgebox.objects.testing.YamlObjects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one precedence comparator, table-driven: each row is two competing routes (the first created earlier) and a
 * request both match; the expected winner follows the spec's tie-breakers.
 */
class PrecedenceTest {

    private static String route(String name, String created, String match, String backend) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %s, namespace: infra, creationTimestamp: "%s"}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [%s]
                    backendRefs: [{name: %s, port: 8080}]
                """.formatted(name, created, match, backend);
    }

    static Stream<Arguments> rows() {
        String old = "2024-01-01T00:00:00Z";
        String young = "2025-01-01T00:00:00Z";
        return Stream.of(
                Arguments.of("exact beats prefix", "{path: {type: PathPrefix, value: /a}}",
                        "{path: {type: Exact, value: /a}}", Req.get("h", "/a"), "v2"),
                Arguments.of("longer prefix wins", "{path: {type: PathPrefix, value: /a}}",
                        "{path: {type: PathPrefix, value: /a/b}}", Req.get("h", "/a/b/c"), "v2"),
                Arguments.of("a trailing slash counts as a character", "{path: {type: PathPrefix, value: /a}}",
                        "{path: {type: PathPrefix, value: /a/}}", Req.get("h", "/a/b"), "v2"),
                Arguments.of("method beats none", "{path: {type: PathPrefix, value: /a}}",
                        "{path: {type: PathPrefix, value: /a}, method: GET}", Req.get("h", "/a"), "v2"),
                Arguments.of("longer prefix beats method", "{path: {type: PathPrefix, value: /a/b}}",
                        "{path: {type: PathPrefix, value: /a}, method: GET}", Req.get("h", "/a/b"), "v1"),
                Arguments.of("more headers win", "{headers: [{name: a, value: '1'}]}",
                        "{headers: [{name: a, value: '1'}, {name: b, value: '2'}]}",
                        Req.get("h", "/").header("a", "1").header("b", "2"), "v2"),
                Arguments.of("method beats headers", "{headers: [{name: a, value: '1'}]}",
                        "{method: GET}", Req.get("h", "/").header("a", "1"), "v2"),
                Arguments.of("more query params win", "{queryParams: [{name: a, value: '1'}]}",
                        "{queryParams: [{name: a, value: '1'}, {name: b, value: '2'}]}", Req.get("h", "/?a=1&b=2"),
                        "v2"),
                Arguments.of("headers beat query params", "{queryParams: [{name: a, value: '1'}]}",
                        "{headers: [{name: a, value: '1'}]}", Req.get("h", "/?a=1").header("a", "1"), "v2"),
                Arguments.of("older route wins a tie", "{path: {type: PathPrefix, value: /a}}",
                        "{path: {type: PathPrefix, value: /a}}", Req.get("h", "/a"), "v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void winner(String name, String firstMatch, String secondMatch, Req request, String winner) {
        String yaml = INFRA + route("first", "2024-01-01T00:00:00Z", firstMatch, "v1")
                + route("second", "2025-01-01T00:00:00Z", secondMatch, "v2");
        assertEquals("infra/" + winner + ":8080", target(port(compile(yaml), "127.0.0.1", 80), request), name);
    }

    @ParameterizedTest(name = "namespace/name breaks a tie of age: {0}")
    @MethodSource("names")
    void sameAge(String a, String b, String winner) {
        String t = "2024-01-01T00:00:00Z";
        String yaml = INFRA + route(a, t, "{path: {type: PathPrefix, value: /}}", "v1")
                + route(b, t, "{path: {type: PathPrefix, value: /}}", "v2");
        assertEquals("infra/" + winner + ":8080", target(port(compile(yaml), "127.0.0.1", 80), Req.get("h", "/")));
    }

    @ParameterizedTest(name = "namespace/name, not arrival order, breaks a tie of age: {0}")
    @MethodSource("names")
    void sameAgeWhateverArrivedFirst(String a, String b, String winner) {
        String t = "2024-01-01T00:00:00Z";
        String yaml = INFRA + route(b, t, "{path: {type: PathPrefix, value: /}}", "v2")
                + route(a, t, "{path: {type: PathPrefix, value: /}}", "v1");
        assertEquals("infra/" + winner + ":8080", target(port(arrivedInOrder(yaml), "127.0.0.1", 80),
                Req.get("h", "/")));
    }

    @org.junit.jupiter.api.Test
    void withoutTimestampsTheFirstToArriveIsTheOlder() {
        String yaml = (INFRA + route("zeta", "", "{path: {type: PathPrefix, value: /}}", "v1")
                + route("alpha", "", "{path: {type: PathPrefix, value: /}}", "v2"))
                .replace(", creationTimestamp: \"\"", "");
        assertEquals("infra/v1:8080", target(port(arrivedInOrder(yaml), "127.0.0.1", 80), Req.get("h", "/")));
    }

    /** Compiles {@code yaml} as the object store would have it: each route's order is the one it arrived in. */
    private static Compiler.Compilation arrivedInOrder(String yaml) {
        List<KubeObject> arrived = new ArrayList<>();
        for (KubeObject o : Fixtures.parse(yaml)) {
            arrived.add(o instanceof Route r ? new Route(r.kind(), r.meta().withOrder(arrived.size()),
                    r.parentRefs(), r.hostnames(), r.rules()) : o);
        }
        return Compiler.compile(1, YamlObjects.snapshot(arrived));
    }

    static Stream<Arguments> names() {
        return Stream.of(Arguments.of("alpha", "beta", "v1"), Arguments.of("zeta", "beta", "v2"));
    }

    @org.junit.jupiter.api.Test
    void ruleOrderWithinARoute() {
        String yaml = INFRA + """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: one, namespace: infra}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /same}}]
                    backendRefs: [{name: v1, port: 8080}]
                  - matches: [{path: {type: PathPrefix, value: /same}}]
                    backendRefs: [{name: v2, port: 8080}]
                """;
        assertEquals("infra/v1:8080", target(port(compile(yaml), "127.0.0.1", 80), Req.get("h", "/same")));
    }
}
