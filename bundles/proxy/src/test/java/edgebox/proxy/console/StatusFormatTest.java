package edgebox.proxy.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.proxy.route.Status;
import edgebox.proxy.route.Status.Condition;

class StatusFormatTest {

    private static final Status STATUS = new Status(
            List.of(new Status.GatewayStatus("net/gw", "edgebox", true, List.of("172.16.1.61"),
                    List.of(new Condition("Accepted", true, "Accepted", "")),
                    List.of(new Status.ListenerStatus("http", 80, "HTTP", "", 2,
                            List.of(new Condition("Programmed", true, "Programmed", ""))))),
                    new Status.GatewayStatus("net/other", "envoy", false, List.of(), List.of(), List.of())),
            List.of(new Status.RouteStatus("HTTPRoute", "web/shop", List.of("shop.example.com"),
                    List.of(new Status.ParentStatus("net/gw", List.of(new Condition("ResolvedRefs", false,
                            "BackendNotFound", "Service web/cart not found")))))));

    @Test
    void gatewaysLikeDescribe() {
        String out = StatusFormat.gateways(7, STATUS);
        assertTrue(out.startsWith("snapshot version 7, 2 gateway(s)"), out);
        assertTrue(out.contains("    http: HTTP port 80 hostname * attachedRoutes 2\n"), out);
        assertTrue(out.contains("        Programmed   True  Programmed\n"), out);
        assertTrue(out.contains("envoy (not ours: ignored)"), out);
    }

    @Test
    void routesByNameWithReasons() {
        String out = StatusFormat.routes(STATUS, "shop");
        assertTrue(out.contains("HTTPRoute web/shop\n  Hostnames:  shop.example.com\n"), out);
        assertTrue(out.contains("ResolvedRefs False BackendNotFound: Service web/cart not found"), out);
        assertTrue(out.endsWith("1 route(s)\n"), out);
        assertEquals("no route named cart\n", StatusFormat.routes(STATUS, "cart"));
    }

    @Test
    void endpointsShowConnectionsAndWaitingAgainstTheCap() {
        String out = StatusFormat.endpoints(List.of(new edgebox.proxy.balance.EndpointStatus("web/app:80",
                new java.net.InetSocketAddress("10.0.0.7", 8080), true, 3, false, 0, true, 2, 5)));
        assertTrue(out.contains("CONNECTIONS"), out);
        assertTrue(out.matches("(?s).*web/app:80 +10\\.0\\.0\\.7:8080 +3 +2 +5 +ok\n1 endpoint\\(s\\)\n"), out);
        assertEquals("no endpoints\n", StatusFormat.endpoints(List.of()));
    }

    @Test
    void backendTlsPoliciesWithTheirTargets() {
        Status withPolicy = new Status(STATUS.gateways(), STATUS.routes(), List.of(new Status.PolicyStatus(
                "BackendTLSPolicy", "web/cart-tls", List.of("web/cart/https"),
                List.of(new Condition("Accepted", false, "Conflicted", "an older BackendTLSPolicy governs")))));
        String out = StatusFormat.routes(withPolicy, "");
        assertTrue(out.contains("BackendTLSPolicy web/cart-tls\n  Targets:    web/cart/https\n"), out);
        assertTrue(out.contains("Accepted     False Conflicted: an older BackendTLSPolicy governs"), out);
        assertTrue(out.endsWith("1 route(s), 1 policy(ies)\n"), out);
    }
}
