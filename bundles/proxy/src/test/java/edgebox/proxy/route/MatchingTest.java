package edgebox.proxy.route;

import static edgebox.proxy.route.Fixtures.INFRA;
import static edgebox.proxy.route.Fixtures.compile;
import static edgebox.proxy.route.Fixtures.port;
import static edgebox.proxy.route.Fixtures.target;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Path, header, query and method matching, as kubernetes-sigs/gateway-api conformance tests request them. */
class MatchingTest {

    private static final String V1 = "infra/v1:8080";
    private static final String V2 = "infra/v2:8080";
    private static final String V3 = "infra/v3:8080";

    /** httproute-matching.yaml, httproute-exact-path-matching.yaml and friends, on one route. */
    private static final PortTable TABLE = port(compile(INFRA + """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: matching, namespace: infra}
            spec:
              parentRefs: [{name: gw}]
              rules:
              - matches:
                - path: {type: PathPrefix, value: /}
                backendRefs: [{name: v1, port: 8080}]
              - matches:
                - path: {type: PathPrefix, value: /v2}
                - headers: [{name: version, value: two}]
                backendRefs: [{name: v2, port: 8080}]
              - matches:
                - path: {type: Exact, value: /exact}
                backendRefs: [{name: v3, port: 8080}]
              - matches:
                - path: {type: PathPrefix, value: /slash/}
                backendRefs: [{name: v2, port: 8080}]
              - matches:
                - path: {type: RegularExpression, value: "/regex/[0-9]+"}
                backendRefs: [{name: v3, port: 8080}]
              - matches:
                - path: {type: PathPrefix, value: /and}
                  headers: [{name: X-Env, value: prod}, {type: RegularExpression, name: x-tier, value: "gold|silver"}]
                  queryParams: [{name: animal, value: whale}]
                  method: POST
                backendRefs: [{name: v3, port: 8080}]
              - matches:
                - path: {type: PathPrefix, value: /query}
                  queryParams: [{type: RegularExpression, name: color, value: "re.*"}]
                backendRefs: [{name: v2, port: 8080}]
            """), "127.0.0.1", 80);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Req.get("any.example", "/"), V1),
                Arguments.of(Req.get("any.example", "/v2"), V2),
                Arguments.of(Req.get("any.example", "/v2/"), V2),
                Arguments.of(Req.get("any.example", "/v2/example"), V2),
                Arguments.of(Req.get("any.example", "/v2example"), V1),
                Arguments.of(Req.get("any.example", "/").header("Version", "two"), V2),
                Arguments.of(Req.get("any.example", "/").header("version", "TWO"), V1),
                Arguments.of(Req.get("any.example", "/exact"), V3),
                Arguments.of(Req.get("any.example", "/exact/"), V1),
                Arguments.of(Req.get("any.example", "/exactly"), V1),
                Arguments.of(Req.get("any.example", "/slash"), V2),
                Arguments.of(Req.get("any.example", "/slash/"), V2),
                Arguments.of(Req.get("any.example", "/slash/x"), V2),
                Arguments.of(Req.get("any.example", "/slashes"), V1),
                Arguments.of(Req.get("any.example", "/regex/123"), V3),
                Arguments.of(Req.get("any.example", "/regex/123/x"), V1),
                Arguments.of(Req.get("any.example", "/regex/abc"), V1),
                Arguments.of(Req.of("http", "POST", "a", "/and?animal=whale").header("x-env", "prod")
                        .header("X-Tier", "gold"), V3),
                Arguments.of(Req.of("http", "GET", "a", "/and?animal=whale").header("x-env", "prod")
                        .header("X-Tier", "gold"), V1),
                Arguments.of(Req.of("http", "POST", "a", "/and?animal=dolphin").header("x-env", "prod")
                        .header("X-Tier", "gold"), V1),
                Arguments.of(Req.of("http", "POST", "a", "/and?animal=whale").header("x-env", "prod")
                        .header("X-Tier", "bronze"), V1),
                Arguments.of(Req.of("http", "POST", "a", "/and?ANIMAL=whale").header("x-env", "prod")
                        .header("X-Tier", "gold"), V1),
                Arguments.of(Req.get("a", "/query?color=red"), V2),
                Arguments.of(Req.get("a", "/query?shape=round&color=re%64"), V2),
                Arguments.of(Req.get("a", "/query?color=blue"), V1),
                Arguments.of(Req.get("a", "/query"), V1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void routes(Req request, String expected) {
        assertEquals(expected, target(TABLE, request));
    }
}
