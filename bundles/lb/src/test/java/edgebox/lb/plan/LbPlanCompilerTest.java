package edgebox.lb.plan;

import static edgebox.lb.plan.Plans.gone;
import static edgebox.lb.plan.Plans.ready;
import static edgebox.lb.plan.Plans.service;
import static edgebox.lb.plan.Plans.slice;
import static edgebox.lb.plan.Plans.terminating;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the compiler: manifests in, the plan's lines (virtual services, then problems) out. */
class LbPlanCompilerTest {

    private static final String HTTP = "{name: http, port: 80}";
    private static final String SLICE_HTTP = "{name: http, port: 80}";

    private static final String GATEWAY = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: %s
              addresses: [{type: IPAddress, value: %s}]
              listeners:
              - {name: https, port: 443, protocol: TLS, tls: {mode: Passthrough}}
            """;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("named port maps to the slice port of that name",
                        service("web", "10.0.0.1", "", HTTP, "{name: admin, port: 81}")
                                + slice("web-1", "web", "IPv4", "", "{name: admin, port: 81}, " + SLICE_HTTP,
                                        ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1",
                                "10.0.0.1:81/TCP shop/web admin -> 10.1.0.1:81 ACTIVE w1")),
                Arguments.of("unnamed port takes the slice's only port",
                        service("web", "10.0.0.1", "", "{port: 80}")
                                + slice("web-1", "web", "IPv4", "", "{name: x, port: 80}", ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web - -> 10.1.0.1:80 ACTIVE w1")),
                Arguments.of("unnamed port takes the slice's unnamed port",
                        service("web", "10.0.0.1", "", "{port: 80}")
                                + slice("web-1", "web", "IPv4", "", "{port: 80}", ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web - -> 10.1.0.1:80 ACTIVE w1")),
                Arguments.of("two slices of one Service give one backend list; an endpoint in both counts once",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.2"), ready("10.1.0.1"))
                                + slice("web-2", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.3"), ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1, 10.1.0.2:80 ACTIVE w1, "
                                + "10.1.0.3:80 ACTIVE w1")),
                Arguments.of("a named port the slices do not list has no endpoints and is reported",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "", "{name: https, port: 8443}", ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> ",
                                "problem Service shop/web: spec.ports[0]: no ready endpoints for 10.0.0.1:80/TCP; "
                                        + "its new flows are dropped")),
                Arguments.of("a slice of another Service or namespace gives nothing",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1"))
                                + slice("api-1", "api", "IPv4", "", SLICE_HTTP, ready("10.1.0.9")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1")),
                Arguments.of("UDP ports are balanced as UDP; the same number on TCP is another virtual service",
                        service("dns", "10.0.0.53", "", "{name: dns, port: 53, protocol: UDP}",
                                "{name: dns-tcp, port: 53, protocol: TCP}")
                                + slice("dns-1", "dns", "IPv4", "", "{name: dns, port: 53, protocol: UDP}, "
                                        + "{name: dns-tcp, port: 53}", ready("10.1.0.1")),
                        List.of("10.0.0.53:53/UDP shop/dns dns -> 10.1.0.1:53 ACTIVE w1",
                                "10.0.0.53:53/TCP shop/dns dns-tcp -> 10.1.0.1:53 ACTIVE w1")),
                Arguments.of("SCTP is reported and left out",
                        service("sig", "10.0.0.1", "", "{name: sig, port: 2905, protocol: SCTP}", HTTP)
                                + slice("sig-1", "sig", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/sig http -> 10.1.0.1:80 ACTIVE w1",
                                "problem Service shop/sig: spec.ports[0].protocol: SCTP is not balanced, only TCP and "
                                        + "UDP; port left out")),
                Arguments.of("lb-mode proxy leaves the Service to the proxy",
                        service("web", "10.0.0.1", "edgebox.io/lb-mode: proxy", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of()),
                Arguments.of("lb-mode dsr is the default said aloud",
                        service("web", "10.0.0.1", "edgebox.io/lb-mode: dsr", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1")),
                Arguments.of("another lb-mode is a problem naming the annotation, the other Services compile",
                        service("web", "10.0.0.1", "edgebox.io/lb-mode: nat", HTTP)
                                + service("api", "10.0.0.2", "", HTTP)
                                + slice("api-1", "api", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of("10.0.0.2:80/TCP shop/api http -> 10.1.0.1:80 ACTIVE w1",
                                "problem Service shop/web: metadata.annotations[edgebox.io/lb-mode]: must be dsr or "
                                        + "proxy, was \"nat\"; the Service is not balanced")),
                Arguments.of("a Service that is not a LoadBalancer is not balanced",
                        """
                                ---
                                apiVersion: v1
                                kind: Service
                                metadata: {name: web, namespace: shop}
                                spec: {ports: [{name: http, port: 80}]}
                                """ + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of()),
                Arguments.of("terminating endpoints drain; neither ready nor serving is left out",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1"),
                                        terminating("10.1.0.2"), gone("10.1.0.3")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1, "
                                + "10.1.0.2:80 DRAINING w1")),
                Arguments.of("an endpoint ready in one slice and draining in another is ACTIVE",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, terminating("10.1.0.1"))
                                + slice("web-2", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1")),
                Arguments.of("only draining endpoints: kept with an empty table and reported",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, terminating("10.1.0.2")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.2:80 DRAINING w1",
                                "problem Service shop/web: spec.ports[0]: no ready endpoints for 10.0.0.1:80/TCP; "
                                        + "its new flows are dropped")),
                Arguments.of("no EndpointSlice at all: kept with an empty table and reported",
                        service("web", "10.0.0.1", "", HTTP),
                        List.of("10.0.0.1:80/TCP shop/web http -> ",
                                "problem Service shop/web: spec.ports[0]: no ready endpoints for 10.0.0.1:80/TCP; "
                                        + "its new flows are dropped")),
                Arguments.of("a slice weight annotation weighs each of its endpoints",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "edgebox.io/weight: '3'", SLICE_HTTP,
                                        ready("10.1.0.1"))
                                + slice("web-2", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.2")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w3, 10.1.0.2:80 ACTIVE w1")),
                Arguments.of("a bad weight is reported and its endpoints take weight 1",
                        service("web", "10.0.0.1", "", HTTP)
                                + slice("web-1", "web", "IPv4", "edgebox.io/weight: '1001'", SLICE_HTTP,
                                        ready("10.1.0.1"))
                                + slice("web-2", "web", "IPv4", "edgebox.io/weight: heavy", SLICE_HTTP,
                                        ready("10.1.0.2")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1, 10.1.0.2:80 ACTIVE w1",
                                "problem EndpointSlice shop/web-1: metadata.annotations[edgebox.io/weight]: must be an "
                                        + "integer from 1 to 1000, was \"1001\"; its endpoints take weight 1",
                                "problem EndpointSlice shop/web-2: metadata.annotations[edgebox.io/weight]: must be an "
                                        + "integer from 1 to 1000, was \"heavy\"; its endpoints take weight 1")),
                Arguments.of("IPv6 VIP takes the IPv6 slices only",
                        service("web", "fd00::1", "", HTTP)
                                + slice("web-4", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1"))
                                + slice("web-6", "web", "IPv6", "", SLICE_HTTP, ready("fd01::5")),
                        List.of("[fd00::1]:80/TCP shop/web http -> [fd01:0:0:0:0:0:0:5]:80 ACTIVE w1")),
                Arguments.of("a served Gateway's listener address and port is a clash naming both",
                        GATEWAY.formatted("edgebox", "10.0.0.1")
                                + service("web", "10.0.0.1", "", "{name: https, port: 443}", HTTP)
                                + slice("web-1", "web", "IPv4", "", "{name: https, port: 443}, " + SLICE_HTTP,
                                        ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1",
                                "problem Service shop/web: spec.ports[0]: 10.0.0.1:443/TCP is also Gateway infra/gw "
                                        + "listener https; port left out on that address")),
                Arguments.of("a Gateway bound on the wildcard address clashes with every VIP of its family",
                        GATEWAY.formatted("edgebox", "0.0.0.0")
                                + service("web", "10.0.0.1", "", "{name: https, port: 443}")
                                + slice("web-1", "web", "IPv4", "", "{name: https, port: 443}", ready("10.1.0.1")),
                        List.of("problem Service shop/web: spec.ports[0]: 10.0.0.1:443/TCP is also Gateway infra/gw "
                                + "listener https; port left out on that address")),
                Arguments.of("a Gateway of a class the box does not serve is no clash",
                        GATEWAY.formatted("other", "10.0.0.1")
                                + service("web", "10.0.0.1", "", "{name: https, port: 443}")
                                + slice("web-1", "web", "IPv4", "", "{name: https, port: 443}", ready("10.1.0.1")),
                        List.of("10.0.0.1:443/TCP shop/web https -> 10.1.0.1:443 ACTIVE w1")),
                Arguments.of("a Gateway's TCP listener is no clash with a UDP port of the same number",
                        GATEWAY.formatted("edgebox", "10.0.0.1")
                                + service("quic", "10.0.0.1", "", "{name: quic, port: 443, protocol: UDP}")
                                + slice("quic-1", "quic", "IPv4", "", "{name: quic, port: 443, protocol: UDP}",
                                        ready("10.1.0.1")),
                        List.of("10.0.0.1:443/UDP shop/quic quic -> 10.1.0.1:443 ACTIVE w1")),
                Arguments.of("a Service listing one port twice: the first keeps it, the second is told why",
                        service("web", "10.0.0.1", "", HTTP, "{name: web, port: 80}")
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP + ", {name: web, port: 80}",
                                        ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1",
                                "problem Service shop/web: spec.ports[1]: 10.0.0.1:80/TCP is also Service shop/web "
                                        + "port http; port left out on that address")),
                Arguments.of("a target port other than the Service port is a problem naming both; the port is left out",
                        service("web", "10.0.0.1", "", HTTP, "{name: admin, port: 81}")
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP + ", {name: admin, port: 9090}",
                                        ready("10.1.0.1")),
                        List.of("10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1",
                                "problem Service shop/web: spec.ports[1]: Service port 81 (admin), but EndpointSlice "
                                        + "shop/web-1 gives its endpoints port 9090; direct server return delivers "
                                        + "frames unchanged, so the backends must listen on the Service's port; port "
                                        + "left out")),
                Arguments.of("one slice of several moving the port is enough to leave the port out",
                        service("web", "10.0.0.1", "", "{port: 80}")
                                + slice("web-1", "web", "IPv4", "", "{port: 80}", ready("10.1.0.1"))
                                + slice("web-2", "web", "IPv4", "", "{port: 8080}", ready("10.1.0.2")),
                        List.of("problem Service shop/web: spec.ports[0]: Service port 80, but EndpointSlice "
                                + "shop/web-2 gives its endpoints port 8080; direct server return delivers frames "
                                + "unchanged, so the backends must listen on the Service's port; port left out")),
                Arguments.of("externalTrafficPolicy Local and Cluster compile alike on one box",
                        service("web", "10.0.0.1", "", HTTP).replace("type: LoadBalancer",
                                "type: LoadBalancer, externalTrafficPolicy: Local")
                                + service("api", "10.0.0.2", "", HTTP).replace("type: LoadBalancer",
                                        "type: LoadBalancer, externalTrafficPolicy: Cluster")
                                + slice("web-1", "web", "IPv4", "", SLICE_HTTP, ready("10.1.0.1"))
                                + slice("api-1", "api", "IPv4", "", SLICE_HTTP, ready("10.1.0.1")),
                        List.of("10.0.0.2:80/TCP shop/api http -> 10.1.0.1:80 ACTIVE w1",
                                "10.0.0.1:80/TCP shop/web http -> 10.1.0.1:80 ACTIVE w1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compiles(String rule, String yaml, List<String> expected) {
        assertEquals(expected, Plans.lines(Plans.compile(yaml)), rule);
    }
}
