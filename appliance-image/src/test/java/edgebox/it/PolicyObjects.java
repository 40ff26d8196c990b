package edgebox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The manifests PolicyIT gives its box: a Gateway on {@value #GATEWAY}:80 with one HTTPRoute per backend (by
 * hostname {@code NAME.polit.test}), each backend a Service whose {@code spec.selector} labels it and an
 * EndpointSlice naming its address and port; the seed's allow-web as the seed's file writes it, the CIDR groups that
 * label the two client networks, and a policy per case.
 */
final class PolicyObjects {

    static final String GATEWAY = "10.98.0.80";

    /** A Service {@code namespace/name} selecting {@code app}, whose one endpoint is {@code address:port}. */
    record Backend(String name, String namespace, String app, String address, int port) {

        String at() {
            return address + ":" + port;
        }

        String host() {
            return name + ".polit.test";
        }
    }

    static final Backend WEB = new Backend("web", "default", "web", "10.98.3.10", 80);
    static final Backend GUARDED = new Backend("guarded", "polit", "guarded", "10.98.3.11", 80);
    static final Backend CIDRSET = new Backend("cidrset", "polit", "cidrset", "10.98.3.12", 80);
    static final Backend IN_RANGE = new Backend("in-range", "polit", "ranged", "10.98.3.13", 8080);
    static final Backend OUT_OF_RANGE = new Backend("out-of-range", "polit", "ranged", "10.98.3.13", 8200);
    static final Backend API = new Backend("api", "polit", "api", "10.98.3.14", 80);
    static final Backend AUDITED = new Backend("audited", "polit", "audited", "10.98.3.15", 80);
    static final Backend LIVE = new Backend("live", "polit", "live", "10.98.3.16", 80);
    static final List<Backend> BACKENDS = List.of(WEB, GUARDED, CIDRSET, IN_RANGE, OUT_OF_RANGE, API, AUDITED, LIVE);

    static final Path SEED_POLICIES = Path.of(System.getProperty("edgebox.seed", "../config-admin/seed"))
            .resolve("manifests/policies.yaml").toAbsolutePath();

    /** The seed's CiliumNetworkPolicy allow-web, read from config-admin/seed as the seed writes it. */
    static final String ALLOW_WEB = allowWeb();

    private PolicyObjects() {
    }

    private static String allowWeb() {
        try {
            for (String doc : Files.readString(SEED_POLICIES).split("\n---\n")) {
                if (doc.contains("kind: CiliumNetworkPolicy") && doc.contains("name: allow-web")) {
                    return doc.endsWith("\n") ? doc : doc + "\n";
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no CiliumNetworkPolicy allow-web in " + SEED_POLICIES);
    }

    static String objects() {
        String gateway = """
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: default}
                spec:
                  gatewayClassName: edgebox
                  addresses: [{type: IPAddress, value: %s}]
                  listeners: [{name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]
                """.formatted(GATEWAY);
        return gateway + BACKENDS.stream().map(PolicyObjects::backend).collect(Collectors.joining());
    }

    private static String backend(Backend b) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  parentRefs: [{name: edge, namespace: default}]
                  hostnames: [%3$s]
                  rules: [{matches: [{path: {type: PathPrefix, value: /}}], backendRefs: [{name: %1$s, port: 80}]}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  selector: {app: %4$s}
                  ports: [{name: http, port: 80, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %1$s-1
                  namespace: %2$s
                  labels: {kubernetes.io/service-name: %1$s}
                addressType: IPv4
                ports: [{name: http, port: %6$d, protocol: TCP}]
                endpoints: [{addresses: ["%5$s"], conditions: {ready: true}}]
                """.formatted(b.name(), b.namespace(), b.host(), b.app(), b.address(), b.port());
    }

    /**
     * allow-web; the CIDR groups {@code frontend} (10.98.1.0/24, app: frontend) and {@code guests} (10.98.2.0/24,
     * app: guest); and a policy for each case: guarded (frontend allowed, 10.98.1.11 denied), cidrset (10.98.2.0/24
     * except 10.98.2.16/28), ranged (TCP 8000-8100 from all), api (frontend may GET /public/...), audited (frontend
     * only, in audit mode) beside audited-deny (enforcing: 10.98.2.30 denied, no default deny).
     */
    static String policies() {
        return ALLOW_WEB + """
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata:
                  name: frontend
                  labels: {app: frontend}
                spec:
                  externalCIDRs: [10.98.1.0/24]
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata:
                  name: guests
                  labels: {app: guest}
                spec:
                  externalCIDRs: [10.98.2.0/24]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: guarded, namespace: polit}
                spec:
                  endpointSelector: {matchLabels: {app: guarded}}
                  ingress: [{fromEndpoints: [{matchLabels: {app: frontend}}]}]
                  ingressDeny: [{fromCIDR: [10.98.1.11/32]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: cidrset, namespace: polit}
                spec:
                  endpointSelector: {matchLabels: {app: cidrset}}
                  ingress: [{fromCIDRSet: [{cidr: 10.98.2.0/24, except: [10.98.2.16/28]}]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: ranged, namespace: polit}
                spec:
                  endpointSelector: {matchLabels: {app: ranged}}
                  ingress:
                    - fromEntities: [all]
                      toPorts: [{ports: [{port: "8000", endPort: 8100, protocol: TCP}]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: api, namespace: polit}
                spec:
                  endpointSelector: {matchLabels: {app: api}}
                  ingress:
                    - fromEndpoints: [{matchLabels: {app: frontend}}]
                      toPorts:
                        - ports: [{port: "80", protocol: TCP}]
                          rules:
                            http: [{method: GET, path: "/public/.*"}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: audited
                  namespace: polit
                  annotations: {edgebox.io/policy-audit: "true"}
                spec:
                  endpointSelector: {matchLabels: {app: audited}}
                  ingress: [{fromEndpoints: [{matchLabels: {app: frontend}}]}]
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: audited-deny, namespace: polit}
                spec:
                  endpointSelector: {matchLabels: {app: audited}}
                  enableDefaultDeny: {ingress: false}
                  ingressDeny: [{fromCIDR: [10.98.2.30/32]}]
                """;
    }

    /**
     * The policy live: the frontend group may reach the live backend, and so may {@code guests} (a second rule, as
     * written) when given.
     */
    static String live(String guests) {
        return """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: live, namespace: polit}
                spec:
                  endpointSelector: {matchLabels: {app: live}}
                  ingress:
                    - fromEndpoints: [{matchLabels: {app: frontend}}]
                """ + (guests == null ? "" : "    - " + guests + "\n");
    }

    /** A new policy with an egress section, which the box cannot enforce. */
    static final String WITH_EGRESS = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: with-egress, namespace: polit}
            spec:
              endpointSelector: {matchLabels: {app: live}}
              ingress: [{fromEntities: [all]}]
              egress: [{toEntities: [world]}]
            """;
}
