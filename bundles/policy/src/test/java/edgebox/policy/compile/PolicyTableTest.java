package edgebox.policy.compile;

import static edgebox.policy.SeedPolicies.ALLOW_WEB;
import static edgebox.policy.compile.Fixture.API;
import static edgebox.policy.compile.Fixture.FRONTEND_GROUP;
import static edgebox.policy.compile.Fixture.WEB;
import static edgebox.policy.compile.Fixture.address;
import static edgebox.policy.compile.Fixture.compile;
import static edgebox.policy.compile.Fixture.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.policy.identity.Identity;

class PolicyTableTest {

    static final int TCP = 6;
    static final int UDP = 17;
    static final String FRONTEND = "172.16.1.100";
    static final String OUTSIDER = "172.16.1.20";

    /** {@code ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]}, or {@code DENY by -}. */
    static String said(PolicyTable table, int verdict) {
        int rule = Verdicts.rule(verdict);
        return Verdicts.name(verdict).split(" ")[0] + " by " + (rule < 0 ? "-" : table.rule(rule).toString());
    }

    static String tcp(PolicyTable table, String source, Identity destination, int port) {
        return said(table, table.verdict(v4(source), destination, TCP, port));
    }

    @Test
    void theSeedsAllowWebLetsOnlyFrontendClientsReachWebOnTcp80() {
        PolicyTable t = compile(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        assertEquals(List.of(), t.problems());
        assertEquals("ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]", tcp(t, FRONTEND, WEB, 80));
        assertEquals("DENY by -", tcp(t, FRONTEND, WEB, 81), "default deny");
        assertEquals("DENY by -", said(t, t.verdict(v4(FRONTEND), WEB, UDP, 80)));
        assertEquals("DENY by -", tcp(t, OUTSIDER, WEB, 80), "a client in no group is world");
        assertEquals("ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]",
                said(t, t.verdict(0xfd00_0001_0000_0000L, 7, WEB, TCP, 80)), "IPv6 member of the group");
        assertEquals("DENY by -", said(t, t.verdict(0xfd00_0002_0000_0000L, 7, WEB, TCP, 80)));
        assertEquals("ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]",
                said(t, t.verdict(0, 0xffff_0000_0000L | v4(FRONTEND) & 0xffff_ffffL, WEB, TCP, 80)),
                "IPv4-mapped");
    }

    @Test
    void aDestinationNoPolicySelectsAllowsAll() {
        PolicyTable t = compile(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        assertEquals("ALLOW by -", tcp(t, OUTSIDER, API, 8080));
        assertEquals("ALLOW by -", said(t, t.verdict(v4(OUTSIDER), Identity.HOST, UDP, 53)));
        assertEquals("ALLOW by -", said(t, t.verdict(v4(OUTSIDER), Identity.WORLD, TCP, 1)));
    }

    @Test
    void theLongestCidrGroupGivesAClientItsLabels() {
        PolicyTable t = compile(ALLOW_WEB + "---\n" + FRONTEND_GROUP + """
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata: {name: printers, labels: {app: printer}}
                spec: {externalCIDRs: [172.16.1.112/28]}
                """);
        assertEquals("ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]",
                tcp(t, "172.16.1.100", WEB, 80));
        assertEquals("DENY by -", tcp(t, "172.16.1.113", WEB, 80), "inside printers, the longer block");
        assertEquals(Map.of("app", "printer"), t.sourceOf(address("172.16.1.113")).labels());
        assertEquals(Identity.WORLD, t.sourceOf(address(OUTSIDER)));
    }

    @Test
    void denyWinsOverAllow() {
        PolicyTable t = compile(FRONTEND_GROUP + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web, namespace: default}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                    - fromEntities: [all]
                  ingressDeny:
                    - fromCIDR: [172.16.1.100/32]
                      toPorts: [{ports: [{port: "80", protocol: TCP}]}]
                """);
        assertEquals("DENY by CiliumNetworkPolicy default/web spec.ingressDeny[0]", tcp(t, FRONTEND, WEB, 80));
        assertEquals("ALLOW by CiliumNetworkPolicy default/web spec.ingress[0]", tcp(t, FRONTEND, WEB, 443));
        assertEquals("ALLOW by CiliumNetworkPolicy default/web spec.ingress[0]", tcp(t, "172.16.1.101", WEB, 80));
    }

    @Test
    void fromCidrSetExceptAndCidrGroupRef() {
        PolicyTable t = compile(FRONTEND_GROUP + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web, namespace: default}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                    - fromCIDRSet:
                        - cidr: 10.0.0.0/8
                          except: [10.1.0.0/16]
                        - cidrGroupRef: frontend
                        - cidrGroupRef: missing
                """);
        assertEquals("ALLOW by CiliumNetworkPolicy default/web spec.ingress[0]", tcp(t, "10.2.3.4", WEB, 80));
        assertEquals("DENY by -", tcp(t, "10.1.3.4", WEB, 80));
        assertEquals("ALLOW by CiliumNetworkPolicy default/web spec.ingress[0]", tcp(t, FRONTEND, WEB, 80));
        assertEquals(List.of("CiliumNetworkPolicy default/web: spec.ingress[0].fromCIDRSet[2].cidrGroupRef: no"
                + " CiliumCIDRGroup \"missing\": it matches no client until one exists"),
                t.problems().stream().map(Object::toString).toList());
    }

    @Test
    void endPortRanges() {
        PolicyTable t = compile("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web, namespace: default}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress:
                    - toPorts:
                        - ports: [{port: "8000", endPort: 8080, protocol: TCP}, {port: "53", protocol: ANY}]
                """);
        for (int port : new int[] {8000, 8040, 8080}) {
            assertEquals("ALLOW by CiliumNetworkPolicy default/web spec.ingress[0]", tcp(t, OUTSIDER, WEB, port));
        }
        assertEquals("DENY by -", tcp(t, OUTSIDER, WEB, 7999));
        assertEquals("DENY by -", tcp(t, OUTSIDER, WEB, 8081));
        assertEquals("DENY by -", said(t, t.verdict(v4(OUTSIDER), WEB, UDP, 8000)));
        assertEquals("ALLOW by CiliumNetworkPolicy default/web spec.ingress[0]",
                said(t, t.verdict(v4(OUTSIDER), WEB, UDP, 53)));
    }

    static final String L7 = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: web-l7, namespace: default}
            spec:
              endpointSelector: {matchLabels: {app: web}}
              ingress:
                - fromEndpoints: [{matchLabels: {app: frontend}}]
                  toPorts:
                    - ports: [{port: "80", protocol: TCP}]
                      rules:
                        http:
                          - {method: GET, path: "/public/.*"}
                          - {method: POST, path: /submit, headers: ["X-Token: s3cret"]}
            """;

    @Test
    void l7RulesAllowOnlyMatchingRequests() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + L7);
        assertEquals("L7 by CiliumNetworkPolicy default/web-l7 spec.ingress[0].toPorts[0]",
                tcp(t, FRONTEND, WEB, 80));
        assertEquals("DENY by -", tcp(t, OUTSIDER, WEB, 80));
        assertEquals("ALLOW", request(t, "GET", "/public/a.css", Map.of()));
        assertEquals("DENY", request(t, "GET", "/private", Map.of()));
        assertEquals("DENY", request(t, "POST", "/public/a.css", Map.of()));
        assertEquals("DENY", request(t, "POST", "/submit", Map.of()));
        assertEquals("DENY", request(t, "POST", "/submit", Map.of("x-token", List.of("other"))));
        assertEquals("ALLOW", request(t, "POST", "/submit", Map.of("x-token", List.of("s3cret"))));
    }

    @Test
    void anL3RuleOnTheSamePortAllowsEveryRequest() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + L7 + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web-all, namespace: default}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress: [{fromCIDR: [172.16.1.100/32]}]
                """);
        assertEquals("ALLOW by CiliumNetworkPolicy default/web-all spec.ingress[0]", tcp(t, FRONTEND, WEB, 80));
        assertEquals("ALLOW", request(t, "DELETE", "/", Map.of()));
    }

    static String request(PolicyTable t, String method, String path, Map<String, List<String>> headers) {
        return Verdicts.name(t.request(address(FRONTEND), WEB, 80, method, path, headers)).split(" ")[0];
    }

    @Test
    void auditModeCountsWouldBeDeniesPerPolicy() {
        String audited = """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: audited
                  namespace: default
                  annotations: {edgebox.io/policy-audit: "true"}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  ingress: [{fromEntities: [world], toPorts: [{ports: [{port: "443", protocol: TCP}]}]}]
                  ingressDeny: [{fromCIDR: [172.16.1.20/32], toPorts: [{ports: [{port: "443", protocol: TCP}]}]}]
                """;
        PolicyTable alone = compile(FRONTEND_GROUP + audited);
        assertEquals("AUDIT by -", tcp(alone, FRONTEND, WEB, 80), "its default deny is audited");
        assertEquals("AUDIT by CiliumNetworkPolicy default/audited spec.ingressDeny[0]", tcp(alone, OUTSIDER, WEB,
                443));
        assertEquals("ALLOW by CiliumNetworkPolicy default/audited spec.ingress[0]", tcp(alone, "172.16.1.21", WEB,
                443));
        PolicyTable withEnforced = compile(FRONTEND_GROUP + "---\n" + ALLOW_WEB + audited);
        assertEquals("DENY by -", tcp(withEnforced, OUTSIDER, WEB, 80), "allow-web enforces its default deny");
        assertEquals("ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]",
                tcp(withEnforced, FRONTEND, WEB, 80));
        assertEquals("AUDIT by CiliumNetworkPolicy default/audited spec.ingressDeny[0]",
                tcp(withEnforced, OUTSIDER, WEB, 443));
    }

    @Test
    void enableDefaultDenyFalseAppliesOnlyItsDenies() {
        PolicyTable t = compile("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web, namespace: default}
                spec:
                  endpointSelector: {matchLabels: {app: web}}
                  enableDefaultDeny: {ingress: false}
                  ingressDeny: [{fromCIDR: [172.16.1.20/32]}]
                """);
        assertEquals("DENY by CiliumNetworkPolicy default/web spec.ingressDeny[0]", tcp(t, OUTSIDER, WEB, 80));
        assertEquals("ALLOW by -", tcp(t, FRONTEND, WEB, 80));
    }

    @Test
    void networkPolicyIpBlock() {
        PolicyTable t = compile("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: default}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress:
                    - from: [{ipBlock: {cidr: 172.16.1.0/24, except: [172.16.1.96/27]}}]
                      ports: [{port: 80, protocol: TCP}]
                """);
        assertEquals("ALLOW by NetworkPolicy default/web spec.ingress[0]", tcp(t, OUTSIDER, WEB, 80));
        assertEquals("DENY by -", tcp(t, FRONTEND, WEB, 80));
        assertEquals("DENY by -", tcp(t, OUTSIDER, WEB, 443));
        assertEquals("ALLOW by -", tcp(t, OUTSIDER, API, 80));
    }

    @Test
    void hostAndWorldEntities() {
        String boxAddress = Fixture.DESTINATIONS.addresses().entrySet().stream()
                .filter(e -> e.getValue() == Identity.HOST).findFirst().orElseThrow().getKey().getHostAddress();
        PolicyTable t = compile(FRONTEND_GROUP + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: box}
                spec:
                  nodeSelector: {}
                  ingress:
                    - fromEntities: [world]
                      toPorts: [{ports: [{port: "53", protocol: UDP}]}]
                    - fromEntities: [host]
                """);
        assertEquals("ALLOW by CiliumClusterwideNetworkPolicy box spec.ingress[0]",
                said(t, t.verdict(v4(OUTSIDER), Identity.HOST, UDP, 53)));
        assertEquals("DENY by -", said(t, t.verdict(v4(FRONTEND), Identity.HOST, UDP, 53)), "a group is not world");
        assertEquals("DENY by -", said(t, t.verdict(v4(OUTSIDER), Identity.HOST, TCP, 9090)));
        assertEquals("ALLOW by CiliumClusterwideNetworkPolicy box spec.ingress[1]",
                said(t, t.verdict(v4(boxAddress), Identity.HOST, TCP, 9090)));
        assertEquals("ALLOW by -", tcp(t, FRONTEND, WEB, 80), "a host policy selects no backend");
    }

    @Test
    void anEmptyEndpointSelectorSelectsEveryBackendButNotTheBox() {
        PolicyTable t = compile(FRONTEND_GROUP + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: backends}
                spec:
                  endpointSelector: {}
                  ingress: [{fromEntities: [world], toPorts: [{ports: [{port: "53", protocol: UDP}]}]}]
                """);
        assertEquals("DENY by -", tcp(t, FRONTEND, WEB, 80), "an empty endpointSelector selects every endpoint");
        assertEquals("ALLOW by CiliumClusterwideNetworkPolicy backends spec.ingress[0]",
                said(t, t.verdict(v4(OUTSIDER), WEB, UDP, 53)));
        assertEquals("ALLOW by -", said(t, t.verdict(v4(FRONTEND), Identity.HOST, TCP, 22)),
                "the box is left to host policies (nodeSelector)");
    }

    @Test
    void anAuditModeL7PolicyAuditsTheRequestsItWouldRefuse() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + L7.replace("namespace: default}",
                "namespace: default, annotations: {edgebox.io/policy-audit: \"true\"}}"));
        assertEquals("ALLOW", request(t, "GET", "/public/a.css", Map.of()));
        assertEquals("AUDIT", request(t, "GET", "/private", Map.of()));
    }

    @Test
    void ofTwoGroupsNamingOneBlockTheFirstByNameKeepsIt() {
        PolicyTable t = compile(ALLOW_WEB + """
                ---
                apiVersion: cilium.io/v2alpha1
                kind: CiliumCIDRGroup
                metadata: {name: zz-lab, labels: {app: lab}}
                spec: {externalCIDRs: [172.16.1.96/27]}
                ---
                """ + FRONTEND_GROUP);
        assertEquals(List.of("CiliumCIDRGroup zz-lab: spec.externalCIDRs[0]: 172.16.1.96/27 is also in"
                + " CiliumCIDRGroup frontend, whose labels its clients keep"),
                t.problems().stream().map(Object::toString).toList());
        assertEquals("ALLOW by CiliumNetworkPolicy default/allow-web spec.ingress[0]", tcp(t, FRONTEND, WEB, 80));
    }
}
