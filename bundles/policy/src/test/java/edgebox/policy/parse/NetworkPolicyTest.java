package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.api.objects.LabelSelector.Requirement;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.Policy;
import edgebox.policy.model.PolicyKind;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;
import edgebox.policy.model.Rule;

class NetworkPolicyTest {

    private static String networkPolicy(String spec) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: shop}
                spec:
                """ + spec.indent(2);
    }

    @Test
    void peersAndPortsBecomeOneCiliumRule() {
        Policy p = Manifests.policy(networkPolicy("""
                podSelector: {matchLabels: {app: web}}
                policyTypes: [Ingress]
                ingress:
                  - from:
                      - ipBlock: {cidr: 172.16.0.0/16, except: [172.16.1.0/24]}
                      - podSelector: {matchLabels: {app: frontend}}
                      - namespaceSelector: {matchLabels: {team: a}}
                      - namespaceSelector: {matchExpressions: [{key: env, operator: Exists}]}
                        podSelector: {matchLabels: {role: client}}
                    ports:
                      - {port: 80}
                      - {port: 8000, endPort: 8100, protocol: TCP}
                      - {port: 53, protocol: UDP}
                """));
        assertEquals(PolicyKind.NETWORK_POLICY, p.kind());
        assertEquals("NetworkPolicy shop/web", p.displayName());
        Rule r = p.rules().get(0);
        assertEquals(new LabelSelector(Map.of("app", "web", "io.kubernetes.pod.namespace", "shop"), List.of()),
                r.endpointSelector());
        assertTrue(r.appliesAtIngress() && r.defaultDenyIngress());
        assertFalse(r.ingress().get(0).everyPeer());
        IngressRule i = r.ingress().get(0);
        assertEquals(List.of(CidrSet.of(Cidr.parse("172.16.0.0/16"), List.of(Cidr.parse("172.16.1.0/24")))),
                i.fromCidrSet());
        assertEquals(List.of(new LabelSelector(Map.of("app", "frontend"), List.of()),
                new LabelSelector(Map.of("io.cilium.k8s.namespace.labels.team", "a"), List.of()),
                new LabelSelector(Map.of("role", "client"),
                        List.of(new Requirement("io.cilium.k8s.namespace.labels.env", "Exists", List.of())))),
                i.fromEndpoints());
        assertEquals(List.of(new PortRule(List.of(new PortRange(80, 80, Protocol.TCP),
                new PortRange(8000, 8100, Protocol.TCP), new PortRange(53, 53, Protocol.UDP)), List.of())),
                i.toPorts());
    }

    @Test
    void noIngressRuleDeniesEverything() {
        Policy p = Manifests.policy(networkPolicy("podSelector: {}\npolicyTypes: [Ingress]"));
        Rule r = p.rules().get(0);
        assertEquals(Map.of("io.kubernetes.pod.namespace", "shop"), r.endpointSelector().matchLabels());
        IngressRule noOne = new IngressRule(List.of(), List.of(), List.of(), Set.of(), false, List.of());
        assertEquals(List.of(noOne), r.ingress());
        assertTrue(r.appliesAtIngress() && r.defaultDenyIngress());
        assertEquals(r, Manifests.policy(networkPolicy("podSelector: {}\ningress: []")).rules().get(0));
    }

    @Test
    void anEmptyIngressRuleAdmitsEveryPeerOnEveryPort() {
        Policy p = Manifests.policy(networkPolicy("podSelector: {}\ningress: [{}]"));
        IngressRule i = p.rules().get(0).ingress().get(0);
        assertTrue(i.everyPeer());
        assertEquals(List.of(), i.toPorts());
    }

    @Test
    void portsWithoutFromAdmitEveryPeerOnThosePorts() {
        Policy p = Manifests.policy(networkPolicy("podSelector: {}\ningress: [{ports: [{protocol: UDP}]}]"));
        IngressRule i = p.rules().get(0).ingress().get(0);
        assertTrue(i.everyPeer());
        assertEquals(List.of(new PortRule(List.of(PortRange.every(Protocol.UDP)), List.of())), i.toPorts());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            podSelector: {}\\npolicyTypes: [Ingress, Egress]          | spec.policyTypes[1]: Egress is not supported: the box enforces ingress only
            podSelector: {}\\negress: [{}]                            | spec.egress: the box enforces ingress only
            podSelector: {}\\ningress: [{ports: [{port: http}]}]      | spec.ingress[0].ports[0].port: named ports are not supported: the box knows no pod's port names, write the port number
            podSelector: {}\\ningress: [{ports: [{endPort: 90}]}]     | spec.ingress[0].ports[0].endPort: needs a port to start from
            podSelector: {}\\ningress: [{ports: [{port: 80, protocol: ANY}]}] | spec.ingress[0].ports[0].protocol: must be TCP, UDP or SCTP, got "ANY"
            podSelector: {}\\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/8, except: [11.0.0.0/8]}}]}] | spec.ingress[0].from[0].ipBlock.except[0]: 11.0.0.0/8 is not inside 10.0.0.0/8
            podSelector: {}\\ningress: [{from: [{ipBlock: {except: [11.0.0.0/8]}}]}] | spec.ingress[0].from[0].ipBlock.cidr: is required
            podSelector: {}\\ningress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}}]}] | spec.ingress[0].from[0].ipBlock: cannot be combined with podSelector or namespaceSelector
            podSelector: {}\\ningress: [{from: [{}]}]                 | spec.ingress[0].from[0]: needs ipBlock, podSelector or namespaceSelector
            podSelector: {}\\npolicyTypes: [Both]                     | spec.policyTypes[0]: must be Ingress, got "Both"
            """)
    void refusals(String spec, String problem) {
        assertEquals(List.of("NetworkPolicy shop/web: " + problem),
                Manifests.refused(networkPolicy(spec.replace("\\n", "\n"))));
    }
}
