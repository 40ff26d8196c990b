package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import edgebox.policy.model.DnsRule;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;

class DnsRulesTest {

    @Test
    void namesAndPatternsAreHeldLowerCaseAndAbsolute() {
        PortRule r = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumClusterwideNetworkPolicy
                metadata: {name: resolver}
                spec:
                  endpointSelector: {}
                  ingress:
                    - fromEntities: [world]
                      toPorts:
                        - ports: [{port: "53", protocol: UDP}, {port: "53", protocol: TCP}]
                          rules:
                            dns:
                              - matchName: Shop.Example.COM
                              - matchName: "cloud.example."
                              - matchPattern: "*.ragas.cc"
                              - matchPattern: "**.Lab.example."
                              - matchPattern: " * "
                """).rules().get(0).ingress().get(0).toPorts().get(0);
        assertEquals(new PortRule(List.of(new PortRange(53, 53, Protocol.UDP), new PortRange(53, 53, Protocol.TCP)),
                List.of(), List.of(DnsRule.name("shop.example.com."), DnsRule.name("cloud.example."),
                        DnsRule.pattern("*.ragas.cc."), DnsRule.pattern("**.lab.example."), DnsRule.pattern("*"))),
                r);
    }

    @Test
    void anEmptyDnsListLeavesAPlainPortRule() {
        PortRule r = Manifests.policy("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: resolver}
                spec:
                  endpointSelector: {}
                  ingress: [{toPorts: [{ports: [{port: "53"}], rules: {dns: []}}]}]
                """).rules().get(0).ingress().get(0).toPorts().get(0);
        assertEquals(new PortRule(List.of(new PortRange(53, 53, Protocol.ANY)), List.of()), r);
    }
}
