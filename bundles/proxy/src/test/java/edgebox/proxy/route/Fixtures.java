package edgebox.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.objects.testing.YamlObjects;
import edgebox.api.objects.KubeObject;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.Respond;

/** Compiles manifests written as YAML and asks the result the questions tests ask. */
final class Fixtures {

    /** The infrastructure most tests share: Gateway infra/gw on 127.0.0.1:80, backends infra/v1..v3 with endpoints. */
    static final String INFRA = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: infra}
            spec:
              gatewayClassName: edgebox
              listeners:
              - {name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}
            """ + backend("infra", "v1", "10.0.0.1") + backend("infra", "v2", "10.0.0.2")
            + backend("infra", "v3", "10.0.0.3");

    private Fixtures() {
    }

    /** A Service {@code ns/name} on port 8080 with one ready endpoint at {@code ip}:3000. */
    static String backend(String ns, String name, String ip) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %2$s, namespace: %1$s}
                spec: {ports: [{name: http, port: 8080}]}
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: %2$s-1, namespace: %1$s, labels: {kubernetes.io/service-name: %2$s}}
                addressType: IPv4
                ports: [{name: http, port: 3000}]
                endpoints: [{addresses: [%3$s], conditions: {ready: true}}]
                """.formatted(ns, name, ip);
    }

    static List<KubeObject> parse(String yaml) {
        return YamlObjects.parse(yaml);
    }

    static Compiler.Compilation compile(String yaml) {
        return Compiler.compile(1, YamlObjects.snapshot(yaml));
    }

    static PortTable port(Compiler.Compilation c, String address, int port) {
        PortTable t = c.snapshot().ports().get(new InetSocketAddress(address, port));
        assertNotNull(t, "nothing bound on " + address + ":" + port + ", have " + c.snapshot().ports().keySet());
        return t;
    }

    /** Where the request goes: the single backend cluster's name, or "status N". */
    static String target(PortTable t, RequestHead r) {
        return describe(t.route(null, r));
    }

    static String describe(RouteDecision d) {
        return switch (d) {
            case Respond x -> "status " + x.status();
            case RouteDecision.Redirect x -> x.status() + " " + x.location();
            case Forward f -> f.backends().clusters().size() == 1 ? f.backends().clusters().get(0).name()
                    : f.backends().clusters().toString();
            case RouteDecision.Passthrough p -> "passthrough " + p.backends().clusters().get(0).name();
        };
    }

    static Forward forward(RouteDecision d) {
        assertTrue(d instanceof Forward, "expected a forward, got " + d);
        return (Forward) d;
    }

    static Status.Condition condition(List<Status.Condition> conditions, String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + conditions));
    }

    static Status.RouteStatus route(Compiler.Compilation c, String key) {
        return c.snapshot().status().routes().stream().filter(r -> r.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + key));
    }

    static void assertAccepted(Compiler.Compilation c, String route, boolean accepted, String reason) {
        Status.Condition a = condition(route(c, route).parents().get(0).conditions(), "Accepted");
        assertEquals(accepted, a.status(), route + " " + a);
        assertEquals(reason, a.reason(), route + " " + a);
    }
}
