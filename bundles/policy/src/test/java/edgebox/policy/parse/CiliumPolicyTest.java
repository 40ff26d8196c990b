package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.api.objects.LabelSelector.Requirement;
import edgebox.policy.SeedPolicies;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.Entity;
import edgebox.policy.model.HeaderMatch;
import edgebox.policy.model.HttpRule;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyKind;
import edgebox.policy.model.PolicyObject;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;
import edgebox.policy.model.Rule;

class CiliumPolicyTest {

    @Test
    void theSeedsAllowWebReadsAsWritten() {
        Policy p = Manifests.policy(SeedPolicies.ALLOW_WEB);
        assertEquals(PolicyKind.CNP, p.kind());
        assertEquals("default", p.namespace());
        assertEquals("allow-web", p.name());
        assertFalse(p.audit());
        assertEquals("CiliumNetworkPolicy default/allow-web", p.displayName());
        IngressRule from = new IngressRule(List.of(new LabelSelector(Map.of("app", "frontend"), List.of())),
                List.of(), List.of(), Set.of(), false,
                List.of(new PortRule(List.of(new PortRange(80, 80, Protocol.TCP)), List.of())));
        Rule expected = new Rule(new LabelSelector(Map.of("app", "web", "io.kubernetes.pod.namespace", "default"),
                List.of()), List.of(from), List.of(), true, "");
        assertEquals(List.of(expected), p.rules());
    }

    @Test
    void aHandWrittenConfigurationReadsAsTheManifest() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("service.pid", "edgebox.policy~default.allow-web");
        cfg.put("apiVersion", "cilium.io/v2");
        cfg.put("kind", "CiliumNetworkPolicy");
        cfg.put("metadata.name", "allow-web");
        cfg.put("spec.endpointSelector.matchLabels.app", "web");
        cfg.put("spec.ingress.0.fromEndpoints.0.matchLabels.app", "frontend");
        cfg.put("spec.ingress.0.toPorts.0.ports.0.port", "80");
        cfg.put("spec.ingress.0.toPorts.0.ports.0.protocol", "TCP");
        Parsed<PolicyObject> p = PolicyObjects.fromProperties(cfg);
        assertEquals(Manifests.policy(SeedPolicies.ALLOW_WEB), p.value());
    }

    @Test
    void theNamespaceIsImpliedInTheEndpointSelectorOfANamespacedPolicyOnly() {
        Policy namespaced = Manifests.policy(SeedPolicies.ALLOW_WEB.replace("name: allow-web",
                "name: allow-web\n  namespace: shop"));
        assertEquals(Map.of("app", "web", "io.kubernetes.pod.namespace", "shop"),
                namespaced.rules().get(0).endpointSelector().matchLabels());
        Policy clusterwide = Manifests.policy(SeedPolicies.ALLOW_WEB.replace("kind: CiliumNetworkPolicy",
                "kind: CiliumClusterwideNetworkPolicy"));
        assertEquals(PolicyKind.CCNP, clusterwide.kind());
        assertEquals("", clusterwide.namespace());
        assertEquals("CiliumClusterwideNetworkPolicy allow-web", clusterwide.displayName());
        assertEquals(Map.of("app", "web"), clusterwide.rules().get(0).endpointSelector().matchLabels());
    }

    @Test
    void theSameNamespaceWrittenWithItsSourceIsAccepted() {
        Policy p = Manifests.policy(SeedPolicies.ALLOW_WEB.replace("app: web", "k8s:io.kubernetes.pod.namespace: default"));
        assertEquals(Map.of("io.kubernetes.pod.namespace", "default"),
                p.rules().get(0).endpointSelector().matchLabels());
    }

    @Test
    void labelSourcesK8sAndAnyReadAsThePlainKey() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: sources}
                spec:
                  endpointSelector:
                    matchLabels: {"k8s:app": web}
                    matchExpressions:
                      - {key: "any:tier", operator: In, values: [a, b]}
                      - {key: env, operator: DoesNotExist}
                  ingress:
                    - fromEndpoints: [{matchLabels: {"any:app": frontend}}]
                """);
        LabelSelector s = p.rules().get(0).endpointSelector();
        assertEquals(Map.of("app", "web"), s.matchLabels());
        assertEquals(List.of(new Requirement("tier", "In", List.of("a", "b")),
                new Requirement("env", "DoesNotExist", List.of())), s.expressions());
        assertEquals(Map.of("app", "frontend"),
                p.rules().get(0).ingress().get(0).fromEndpoints().get(0).matchLabels());
    }

    @Test
    void everyPeerKind() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: peers, namespace: shop}
                spec:
                  endpointSelector: {}
                  ingress:
                    - fromCIDR: [10.0.0.0/8, "fd00::/8", 192.0.2.7]
                      fromCIDRSet:
                        - cidr: 172.16.0.0/16
                          except: [172.16.1.0/24]
                        - cidrGroupRef: office
                    - fromEntities: [world, host]
                    - fromEntities: [all]
                    - fromEndpoints: [{}]
                    - fromEndpoints: []
                      toPorts: [{ports: [{port: "80", protocol: TCP}]}]
                """);
        Rule r = p.rules().get(0);
        assertEquals(Map.of("io.kubernetes.pod.namespace", "shop"), r.endpointSelector().matchLabels());
        IngressRule first = r.ingress().get(0);
        assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8"), Cidr.parse("192.0.2.7/32")),
                first.fromCidr());
        assertEquals(List.of(CidrSet.of(Cidr.parse("172.16.0.0/16"), List.of(Cidr.parse("172.16.1.0/24"))),
                CidrSet.group("office")), first.fromCidrSet());
        assertTrue(first.toPorts().isEmpty());
        assertFalse(first.everyPeer());
        assertEquals(Set.of(Entity.WORLD, Entity.HOST), r.ingress().get(1).fromEntities());
        assertEquals(Set.of(Entity.ALL), r.ingress().get(2).fromEntities());
        assertEquals(List.of(LabelSelector.EVERYTHING), r.ingress().get(3).fromEndpoints());
        IngressRule noOne = r.ingress().get(4);
        assertTrue(noOne.fromEndpoints().isEmpty());
        assertFalse(noOne.everyPeer(), "a peer field written empty matches no one, toPorts or not");
    }

    @Test
    void portsRangesAndProtocols() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: ports}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                    - toPorts:
                        - ports:
                            - {port: "8000", endPort: 8100, protocol: TCP}
                            - {port: 53, protocol: UDP}
                            - {port: "443"}
                            - {port: "0", protocol: TCP}
                        - {}
                """);
        IngressRule i = p.rules().get(0).ingress().get(0);
        assertTrue(i.everyPeer(), "toPorts without a peer field admit every peer");
        assertEquals(List.of(new PortRange(8000, 8100, Protocol.TCP), new PortRange(53, 53, Protocol.UDP),
                new PortRange(443, 443, Protocol.ANY), PortRange.every(Protocol.TCP)), i.toPorts().get(0).ports());
        assertEquals(List.of(PortRange.every(Protocol.ANY)), i.toPorts().get(1).ports());
    }

    @Test
    void httpRules() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: http}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                    - fromEndpoints: [{matchLabels: {app: frontend}}]
                      toPorts:
                        - ports: [{port: "80", protocol: TCP}]
                          rules:
                            http:
                              - {method: GET, path: "/public/.*"}
                              - method: PUT
                                path: /avatar
                                headers: ["X-My-Header: true", X-Token]
                              - {}
                """);
        List<HttpRule> http = p.rules().get(0).ingress().get(0).toPorts().get(0).http();
        assertEquals(List.of(new HttpRule("GET", "/public/.*", List.of()),
                new HttpRule("PUT", "/avatar", List.of(new HeaderMatch("x-my-header", false, "true"),
                        new HeaderMatch("x-token", true, ""))),
                new HttpRule("", "", List.of())), http);
    }

    @Test
    void ingressDenyAndDefaultDeny() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: deny}
                spec:
                  description: keep the lab out
                  endpointSelector: {matchLabels: {app: web}}
                  enableDefaultDeny: {ingress: false}
                  ingressDeny:
                    - fromCIDRSet: [{cidr: 10.9.0.0/16}]
                      toPorts: [{ports: [{port: "22", protocol: TCP}]}]
                """);
        Rule r = p.rules().get(0);
        assertTrue(r.ingress().isEmpty());
        assertEquals(1, r.ingressDeny().size());
        assertTrue(r.appliesAtIngress());
        assertFalse(r.defaultDenyIngress());
        assertEquals("keep the lab out", r.description());
    }

    @Test
    void anEmptyIngressLeavesTheEndpointsAsTheyAreAnEmptyRuleMatchesNoOne() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: none}
                spec:
                  endpointSelector: {}
                  ingress: []
                """);
        assertFalse(p.rules().get(0).appliesAtIngress());
        assertTrue(p.rules().get(0).defaultDenyIngress());
        Policy empty = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: deny-all}
                spec:
                  endpointSelector: {}
                  ingress: [{}]
                """);
        IngressRule nothing = empty.rules().get(0).ingress().get(0);
        assertFalse(nothing.everyPeer());
        assertTrue(nothing.fromEndpoints().isEmpty() && nothing.toPorts().isEmpty());
        assertTrue(empty.rules().get(0).appliesAtIngress());
    }

    @Test
    void specAndSpecsAddUp() {
        Policy p = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: many}
                spec:
                  endpointSelector: {matchLabels: {app: a}}
                  ingress: [{fromEntities: [world]}]
                specs:
                  - endpointSelector: {matchLabels: {app: b}}
                    ingress: [{fromEntities: [host]}]
                  - endpointSelector: {matchLabels: {app: c}}
                    ingressDeny: [{fromEntities: [world]}]
                """);
        assertEquals(List.of("a", "b", "c"), p.rules().stream()
                .map(r -> r.endpointSelector().matchLabels().get("app")).toList());
        Policy clusterwide = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: many}
                specs:
                  - endpointSelector: {matchLabels: {app: b}}
                    ingress: [{fromEntities: [host]}]
                """);
        assertEquals(Map.of("app", "b"), clusterwide.rules().get(0).endpointSelector().matchLabels());
    }

    @Test
    void theAuditAnnotationPutsThePolicyInAuditMode() {
        Policy audited = Manifests.policy(SeedPolicies.ALLOW_WEB.replace("name: allow-web",
                "name: allow-web\n  annotations:\n    edgebox.io/policy-audit: \"true\""));
        assertTrue(audited.audit());
        Policy enforced = Manifests.policy(SeedPolicies.ALLOW_WEB.replace("name: allow-web",
                "name: allow-web\n  annotations:\n    edgebox.io/policy-audit: \"false\""));
        assertFalse(enforced.audit());
    }
}
