package edgebox.policy.compile;

import static edgebox.policy.compile.Fixture.FRONTEND_GROUP;
import static edgebox.policy.compile.Fixture.address;
import static edgebox.policy.compile.Fixture.compile;
import static edgebox.policy.compile.Fixture.v4;
import static edgebox.policy.compile.PolicyTableTest.FRONTEND;
import static edgebox.policy.compile.PolicyTableTest.OUTSIDER;
import static edgebox.policy.compile.PolicyTableTest.TCP;
import static edgebox.policy.compile.PolicyTableTest.UDP;
import static edgebox.policy.compile.PolicyTableTest.said;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.policy.identity.Identity;

/** Which names a client network may ask the box's resolver for: rules.dns on the host's port 53. */
class DnsQueryTest {

    static final String RESOLVER = """
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: resolver}
            spec:
              nodeSelector: {}
              ingress:
                - fromEndpoints: [{matchLabels: {app: frontend}}]
                  toPorts:
                    - ports: [{port: "53", protocol: UDP}, {port: "53", protocol: TCP}]
                      rules:
                        dns:
                          - matchPattern: "*.ragas.cc"
                          - matchName: example.com
            """;

    static final String RULE = "CiliumClusterwideNetworkPolicy resolver spec.ingress[0].toPorts[0]";

    static String query(PolicyTable t, String client, int protocol, String name) {
        return said(t, t.query(address(client), Identity.HOST, protocol, 53, name));
    }

    @Test
    void aClientNetworkResolvesOnlyTheNamesItsRulesCover() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + RESOLVER);
        assertEquals("L7 by " + RULE, said(t, t.verdict(v4(FRONTEND), Identity.HOST, UDP, 53)));
        assertEquals("ALLOW by " + RULE, query(t, FRONTEND, UDP, "www.ragas.cc."));
        assertEquals("ALLOW by " + RULE, query(t, FRONTEND, TCP, "WWW.Ragas.CC"), "made lower case and absolute");
        assertEquals("ALLOW by " + RULE, query(t, FRONTEND, UDP, "example.com."));
        assertEquals("DENY by " + RULE, query(t, FRONTEND, UDP, "ragas.cc."));
        assertEquals("DENY by " + RULE, query(t, FRONTEND, UDP, "a.b.ragas.cc."));
        assertEquals("DENY by " + RULE, query(t, FRONTEND, UDP, "www.example.com."));
        assertEquals("DENY by -", query(t, OUTSIDER, UDP, "www.ragas.cc."), "not allowed to ask at all");
        assertEquals("DENY by -", said(t, t.verdict(v4(FRONTEND), Identity.HOST, UDP, 5353)), "only port 53");
    }

    @Test
    void anHttpRequestOnTheDnsPortMatchesNoDnsRule() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + RESOLVER);
        assertEquals("DENY by " + RULE, said(t, t.request(address(FRONTEND), Identity.HOST, 53, "GET", "/",
                Map.of())));
    }

    @Test
    void anL3RuleOnTheSamePortAllowsEveryName() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + RESOLVER + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: lab}
                spec:
                  nodeSelector: {}
                  ingress: [{fromCIDR: [172.16.1.100/32], toPorts: [{ports: [{port: "53", protocol: UDP}]}]}]
                """);
        assertEquals("ALLOW by CiliumClusterwideNetworkPolicy lab spec.ingress[0]",
                query(t, FRONTEND, UDP, "anything.example."));
        assertEquals("DENY by " + RULE, query(t, "172.16.1.101", UDP, "anything.example."));
    }

    @Test
    void anAuditModePolicyAuditsTheNamesItWouldRefuse() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + RESOLVER.replace("metadata: {name: resolver}",
                "metadata: {name: resolver, annotations: {edgebox.io/policy-audit: \"true\"}}"));
        assertEquals("ALLOW by " + RULE, query(t, FRONTEND, UDP, "www.ragas.cc."));
        assertEquals("AUDIT by " + RULE, query(t, FRONTEND, UDP, "www.example.org."));
    }

    @Test
    void aMatchAllPatternAllowsEveryNameTheRootIncluded() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + RESOLVER.replace("- matchName: example.com",
                "- matchPattern: \"*\""));
        assertEquals("ALLOW by " + RULE, query(t, FRONTEND, UDP, "."));
        assertEquals("ALLOW by " + RULE, query(t, FRONTEND, UDP, "www.example.org."));
    }

    @Test
    void theTraceNamesTheRuleWhoseNamesDoNotCoverTheQuestion() {
        PolicyTable t = compile(FRONTEND_GROUP + "---\n" + RESOLVER);
        String trace = t.traceQuery(address(FRONTEND), Identity.HOST, UDP, 53, "evil.example.").text();
        assertTrue(trace.contains("port:        53/UDP name evil.example."), trace);
        assertTrue(trace.contains("why:         no rules.dns of " + RULE + " match the name"), trace);
    }
}
