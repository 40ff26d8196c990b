package edgebox.policy.engine;

import static edgebox.policy.SeedPolicies.ALLOW_WEB;
import static edgebox.policy.engine.EngineFixture.API;
import static edgebox.policy.engine.EngineFixture.FRONTEND_CLIENT;
import static edgebox.policy.engine.EngineFixture.FRONTEND_GROUP;
import static edgebox.policy.engine.EngineFixture.OTHER_CLIENT;
import static edgebox.policy.engine.EngineFixture.WEB;
import static edgebox.policy.engine.EngineFixture.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edgebox.api.config.FlatProperties;
import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;

/** The decision point answers from the compiled policies, counts per policy and logs denies and audits. */
class DecisionPointTest {

    static final int TCP = PolicyDecisionPoint.TCP;

    static final String L7_WEB = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: web-read-only, namespace: default}
            spec:
              endpointSelector: {matchLabels: {app: web}}
              ingress:
                - fromEntities: [world]
                  toPorts:
                    - ports: [{port: "80", protocol: TCP}]
                      rules:
                        http: [{method: GET, path: "/public/.*"}]
            """;

    final EngineFixture f = new EngineFixture();

    @Test
    void withoutPoliciesEverythingIsAllowedAndNothingCounted() {
        f.deliver(FRONTEND_GROUP);
        assertEquals(Decision.ALLOW, f.decisions().connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        assertEquals(Map.of(), f.engine.counters().all());
        assertEquals(List.of(), f.lines);
    }

    @Test
    void allowWebLetsTheFrontendNetworkInAndDeniesTheRestByDefault() {
        f.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        DecisionPoint d = f.decisions();
        assertEquals(Decision.ALLOW, d.connection4("lb", v4(FRONTEND_CLIENT), v4(WEB), TCP, 80));
        assertEquals(Decision.DENY, d.connection4("lb", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        assertEquals(Decision.DENY, d.connection("proxy", FRONTEND_CLIENT, WEB, TCP, 443));
        assertEquals(Decision.ALLOW, d.connection("proxy", OTHER_CLIENT, API, TCP, 8080), "api is not selected");
        Tally t = f.engine.counters().all().get("CiliumNetworkPolicy default/allow-web");
        assertEquals(1, t.allowed());
        assertEquals(2, t.denied());
        assertEquals(2, f.lines.size());
        String line = f.lines.get(0);
        assertTrue(line.startsWith("policy DENY lb 172.16.1.20 (2 [reserved:world]) -> 10.0.1.11:80/TCP ("),
                line);
        assertTrue(line.contains("k8s:app=web") && line.endsWith("]): CiliumNetworkPolicy default/allow-web default deny"),
                line);
    }

    @Test
    void anAuditModePolicyLetsItsWouldBeDeniesThroughAndCountsThem() {
        f.deliver(ALLOW_WEB.replace("name: allow-web", "name: allow-web\n  annotations: {edgebox.io/policy-audit: "
                + "\"true\"}") + "---\n" + FRONTEND_GROUP);
        assertEquals(Decision.ALLOW, f.decisions().connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        Tally t = f.engine.counters().all().get("CiliumNetworkPolicy default/allow-web");
        assertEquals(1, t.audited());
        assertEquals(0, t.denied());
        assertTrue(f.lines.get(0).startsWith("policy AUDIT proxy 172.16.1.20"), f.lines.get(0));
    }

    @Test
    void httpRulesAreAskedPerRequestAndADeniedOneNamesTheRule() {
        f.deliver(L7_WEB);
        DecisionPoint d = f.decisions();
        assertEquals(Decision.REQUESTS, d.connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        Verdict ok = d.request(new HttpRequestInfo("proxy", OTHER_CLIENT, WEB, 80, "GET", "/public/a", Map.of()));
        Verdict no = d.request(new HttpRequestInfo("proxy", OTHER_CLIENT, WEB, 80, "POST", "/public/a", Map.of()));
        assertTrue(ok.allowed());
        assertFalse(no.allowed());
        assertEquals("CiliumNetworkPolicy default/web-read-only spec.ingress[0].toPorts[0]", no.rule());
        Tally t = f.engine.counters().all().get("CiliumNetworkPolicy default/web-read-only");
        assertEquals(1, t.allowed());
        assertEquals(1, t.denied());
    }

    @Test
    void aPolicyEditedLiveDecidesAtOnceAndCountsOn() {
        List<String> pids = f.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        assertEquals(Decision.DENY, f.decisions().connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        f.engine.update(pids.get(1), FlatProperties.flatten(groupOf("172.16.1.0/24")));
        f.engine.compile();
        assertEquals(Decision.ALLOW, f.decisions().connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        Tally t = f.engine.counters().all().get("CiliumNetworkPolicy default/allow-web");
        assertEquals(1, t.denied());
        assertEquals(1, t.allowed());
    }

    @Test
    void aConfigurationThatDoesNotReadKeepsTheObjectItHeldAndSaysWhy() {
        List<String> pids = f.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        f.engine.update(pids.get(0), FlatProperties.flatten(Map.of("apiVersion", "cilium.io/v2", "kind",
                "CiliumNetworkPolicy", "metadata", Map.of("name", "allow-web"), "spec", Map.of("endpointSelector",
                        Map.of("matchLabels", Map.of("app", "web")), "ingress",
                        List.of(Map.of("fromCIDR", List.of("not-a-cidr")))))));
        f.engine.compile();
        assertEquals(Decision.DENY, f.decisions().connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
        String problems = f.engine.current().problems().toString();
        assertTrue(problems.contains(pids.get(0)) && problems.contains("spec.ingress[0].fromCIDR[0]"), problems);
    }

    @Test
    void aHostPolicyGuardsTheBoxsOwnServicesAndNothingElse() {
        f.deliver(FRONTEND_GROUP + """
                ---
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: console-from-frontend}
                spec:
                  nodeSelector: {}
                  ingress:
                    - fromEndpoints: [{matchLabels: {app: frontend}}]
                      toPorts: [{ports: [{port: "22", protocol: TCP}]}]
                """);
        DecisionPoint d = f.decisions();
        java.net.InetAddress box = edgebox.api.net.Cidr.address("127.0.0.1");
        assertEquals(Decision.ALLOW, d.connection("console", FRONTEND_CLIENT, box, TCP, 22));
        assertEquals(Decision.DENY, d.connection("console", OTHER_CLIENT, box, TCP, 22));
        assertEquals(Decision.DENY, d.connection("metrics", FRONTEND_CLIENT, box, TCP, 9090));
        assertEquals(Decision.ALLOW, d.connection("proxy", OTHER_CLIENT, WEB, TCP, 80), "backends are not selected");
    }

    @Test
    void dnsRulesDecideEachName() {
        f.deliver("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: resolve-home-only}
                spec:
                  nodeSelector: {}
                  ingress:
                    - fromEntities: [world]
                      toPorts:
                        - ports: [{port: "53", protocol: UDP}]
                          rules: {dns: [{matchPattern: "*.ragas.cc"}]}
                """);
        DecisionPoint d = f.decisions();
        java.net.InetAddress box = edgebox.api.net.Cidr.address("127.0.0.1");
        assertEquals(Decision.REQUESTS, d.connection("dns", OTHER_CLIENT, box, 17, 53));
        assertTrue(d.query("dns", OTHER_CLIENT, box, 17, 53, "app.ragas.cc.").allowed());
        Verdict no = d.query("dns", OTHER_CLIENT, box, 17, 53, "example.com.");
        assertFalse(no.allowed());
        assertTrue(no.rule().startsWith("CiliumClusterwideNetworkPolicy resolve-home-only spec.ingress[0]"), no.rule());
    }

    @Test
    void aBoxThatHeldPoliciesDeniesUntilTheyAreRead() throws Exception {
        EngineFixture booting = new EngineFixture(java.util.Set.of("edgebox.policy.test~0", "edgebox.policy.test~1"));
        DecisionPoint d = booting.decisions();
        assertEquals(Decision.DENY, d.connection4("proxy", v4(FRONTEND_CLIENT), v4(API), TCP, 8080));
        assertTrue(booting.lines.get(0).endsWith("the policies are still being read"), booting.lines.get(0));
        booting.deliver(ALLOW_WEB + "---\n" + FRONTEND_GROUP);
        for (int i = 0; i < 500 && !d.isOpen(); i++) {
            Thread.sleep(10);
        }
        assertTrue(d.isOpen());
        assertEquals(Decision.ALLOW, d.connection4("proxy", v4(FRONTEND_CLIENT), v4(API), TCP, 8080));
        assertEquals(Decision.DENY, d.connection4("proxy", v4(OTHER_CLIENT), v4(WEB), TCP, 80));
    }

    @Test
    void aBoxDeniesUntilThePolicyManifestsAreReportedTranslated() throws Exception {
        EngineFixture booting = new EngineFixture(null);
        DecisionPoint d = booting.decisions();
        booting.deliver(ALLOW_WEB);
        Thread.sleep(100);
        assertFalse(d.isOpen(), "configurations alone do not open it: more manifests may be on their way");
        assertEquals(Decision.DENY, d.connection4("proxy", v4(FRONTEND_CLIENT), v4(API), TCP, 8080));
        booting.engine.translated(java.util.Set.of());
        for (int i = 0; i < 500 && !d.isOpen(); i++) {
            Thread.sleep(10);
        }
        assertEquals(Decision.ALLOW, d.connection4("proxy", v4(FRONTEND_CLIENT), v4(API), TCP, 8080));
    }

    static Map<String, Object> groupOf(String cidr) {
        return Map.of("apiVersion", "cilium.io/v2alpha1", "kind", "CiliumCIDRGroup", "metadata",
                Map.of("name", "frontend", "labels", Map.of("app", "frontend")), "spec",
                Map.of("externalCIDRs", List.of(cidr)));
    }
}
