package edgebox.proxy.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import edgebox.api.config.ConfigurationSpec;
import edgebox.api.config.ManifestKind;
import edgebox.api.config.ManifestObject;
import edgebox.api.config.ManifestTranslation;
import edgebox.api.objects.KubeObject;
import edgebox.objects.manifest.ObjectManifests;
import edgebox.objects.manifest.Translator;
import edgebox.objects.testing.YamlObjects;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;

/**
 * The whole path a manifest file takes: YAML, the objects' ManifestHandler, flat Config Admin properties, the
 * store's reading of them, the proxy's compiler, and a request routed through the result (the seed's Gateway shape).
 */
class ManifestRoundTripTest {

    private static final String FILE = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: envoy-internal, namespace: network}
            spec:
              gatewayClassName: edgebox
              addresses: [{type: IPAddress, value: 127.0.0.1}]
              listeners:
              - {name: http, protocol: HTTP, port: 8080, allowedRoutes: {namespaces: {from: All}}}
              - name: https
                protocol: HTTPS
                port: 8443
                hostname: "*.ragas.cc"
                tls: {mode: Terminate, certificateRefs: [{kind: Secret, name: wildcard-ragas-cc-tls}]}
                allowedRoutes: {namespaces: {from: All}}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: echo, namespace: demo}
            spec:
              parentRefs: [{name: envoy-internal, namespace: network}]
              hostnames: [echo.ragas.cc]
              rules:
              - matches: [{path: {type: PathPrefix, value: /api}, headers: [{name: x-api, value: "1"}]}]
                filters:
                - type: RequestHeaderModifier
                  requestHeaderModifier: {add: [{name: x-from, value: edgebox}]}
                backendRefs: [{name: echo, port: 80}]
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: echo
              namespace: demo
              annotations: {external-dns.alpha.kubernetes.io/hostname: echo-lb.ragas.cc}
            spec:
              type: LoadBalancer
              ports: [{name: http, port: 80, appProtocol: kubernetes.io/h2c}]
            status: {loadBalancer: {ingress: [{ip: 172.16.1.80}]}}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: echo-abc, namespace: demo, labels: {kubernetes.io/service-name: echo}}
            addressType: IPv4
            ports: [{name: http, port: 18080}]
            endpoints: [{addresses: [127.0.0.1], conditions: {ready: true, serving: true, terminating: false}}]
            """;

    private record Head(String host, String path) implements RequestHead {
        public String scheme() {
            return "http";
        }

        public String method() {
            return "GET";
        }

        public String query() {
            return "";
        }

        public List<String> headers(String name) {
            return name.equals("x-api") ? List.of("1") : List.of();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void yamlToConfigAdminToSnapshotToDecision() throws Exception {
        ObjectManifests handler = new ObjectManifests();
        List<KubeObject> resources = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(FILE)) {
            Map<String, Object> content = (Map<String, Object>) doc;
            Map<String, Object> meta = (Map<String, Object>) content.get("metadata");
            ManifestKind kind = new ManifestKind((String) content.get("apiVersion"), (String) content.get("kind"));
            assertEquals(true, handler.kinds().contains(kind), kind.toString());
            ManifestTranslation t = handler.translate(new ManifestObject(kind, (String) meta.get("namespace"),
                    (String) meta.get("name"), content, "etc/manifests/demo.yaml"));
            assertFalse(t.refused(), t.problems().toString());
            ConfigurationSpec spec = t.configurations().get(0);
            assertEquals(List.of(), handler.validate(spec.factoryPid(), spec.properties()));
            resources.add(Translator.read(spec.factoryPid(), spec.properties()));
        }
        Compiler.Compilation c = Compiler.compile(1, YamlObjects.snapshot(resources));
        assertEquals(Set.of(new InetSocketAddress("127.0.0.1", 8080), new InetSocketAddress("127.0.0.1", 8443)),
                c.snapshot().ports().keySet());
        PortTable http = c.snapshot().ports().get(new InetSocketAddress("127.0.0.1", 8080));
        RouteDecision.Forward f = (RouteDecision.Forward) http.route(null, new Head("echo.ragas.cc", "/api/x"));
        assertEquals("demo/echo", f.route());
        assertEquals(Map.of("x-from", "edgebox"), f.requestHeaders().add());
        assertEquals("/127.0.0.1:18080", f.backends().pick(0).endpoints().get(0).address().toString());
        assertEquals(true, f.backends().pick(0).h2c());
        assertEquals(404, ((RouteDecision.Respond) http.route(null, new Head("other.ragas.cc", "/api"))).status());
        PortTable https = c.snapshot().ports().get(new InetSocketAddress("127.0.0.1", 8443));
        assertEquals(List.of("network/wildcard-ragas-cc-tls"), https.tlsListener("echo.ragas.cc").certificateRefs());
        assertEquals(List.of("echo.ragas.cc", "echo-lb.ragas.cc"), // one entry per hostname and Gateway
                c.hostnames().stream().map(h -> h.hostname()).toList());
    }
}
