package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refusal names the object, the field and the reason; nothing unsupported is ignored. */
class RefusalTest {

    private static final String OBJECT = "CiliumNetworkPolicy shop/web: ";

    /** A CiliumNetworkPolicy shop/web whose spec is {@code spec} (indented by the caller as YAML flow or block). */
    private static String cnp(String spec) {
        return """
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: web, namespace: shop}
                spec:
                """ + spec.indent(2);
    }

    private static String ingress(String rule) {
        return cnp("endpointSelector: {}\ningress:\n" + rule.indent(2));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(cnp("endpointSelector: {}\negress: [{toEntities: [world]}]"),
                        "spec.egress: the box enforces ingress only"),
                Arguments.of(cnp("endpointSelector: {}\negressDeny: [{toEntities: [world]}]"),
                        "spec.egressDeny: the box enforces ingress only"),
                Arguments.of(cnp("endpointSelector: {}\ningress: []\nenableDefaultDeny: {egress: false}"),
                        "spec.enableDefaultDeny.egress: the box enforces ingress only"),
                Arguments.of(cnp("endpointSelector: {}\ningress: []\nenableDefaultDeny: {ingress: maybe}"),
                        "spec.enableDefaultDeny.ingress: must be true or false, got \"maybe\""),
                Arguments.of(cnp("nodeSelector: {}\ningress: []"),
                        "spec.nodeSelector: is for CiliumClusterwideNetworkPolicy only: host policies are cluster-wide"),
                Arguments.of(cnp("nodeSelector: {}\nendpointSelector: {}\ningress: []"),
                        "spec.nodeSelector: cannot be combined with endpointSelector: a rule selects endpoints or nodes"),
                Arguments.of(cnp("ingress: [{fromEntities: [world]}]"), "spec.endpointSelector: is required"),
                Arguments.of(cnp("endpointSelector: {}"), "spec: needs ingress or ingressDeny"),
                Arguments.of(ingress("- fromEndpoints: [{}]\n  fromEntities: [world]"),
                        "spec.ingress[0].fromEntities: cannot be combined with fromEndpoints in one rule: write a rule"
                                + " for each"),
                Arguments.of(ingress("- fromCIDRSet: [{cidrGroupRef: office, except: [10.0.0.0/8]}]"),
                        "spec.ingress[0].fromCIDRSet[0].except: applies to a cidr only: Cilium does not support it"
                                + " with cidrGroupRef"),
                Arguments.of(ingress("- fromCIDRSet: [{cidrGroupRef: Office}]"),
                        "spec.ingress[0].fromCIDRSet[0].cidrGroupRef: must name a CiliumCIDRGroup, a lower case DNS"
                                + " name, got \"Office\""),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", protocol: TCP}],"
                        + " rules: {HTTP: [{method: GET}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.HTTP: write http in lower case: the Kubernetes API drops"
                                + " HTTP from a Cilium policy"),
                Arguments.of(cnp("endpointSelector: {matchLabels: {\"k8s:io.kubernetes.pod.namespace\": other}}"
                        + "\ningress: []"),
                        "spec.endpointSelector.matchLabels[io.kubernetes.pod.namespace]: a namespaced policy selects"
                                + " endpoints of its own namespace \"shop\" only, got \"other\""),
                Arguments.of(cnp("endpointSelector: {matchLabels: {\"reserved:host\": \"\"}}\ningress: []"),
                        "spec.endpointSelector.matchLabels[reserved:host]: label source \"reserved\" does not exist"
                                + " at the edge: only k8s: and any: labels (name host or world with fromEntities)"),
                Arguments.of(cnp("endpointSelector: {matchExpressions: [{key: app, operator: Like, values: [a]}]}"
                        + "\ningress: []"),
                        "spec.endpointSelector.matchExpressions[0].operator: must be one of In, NotIn, Exists,"
                                + " DoesNotExist, got \"Like\""),
                Arguments.of(cnp("endpointSelector: {matchExpressions: [{key: app, operator: In}]}\ningress: []"),
                        "spec.endpointSelector.matchExpressions[0].values: at least one value is required for"
                                + " operator In"),
                Arguments.of(cnp("endpointSelector: {matchLabel: {app: web}}\ningress: []"),
                        "spec.endpointSelector.matchLabel: unknown field"),
                Arguments.of(ingress("- fromEntities: [cluster]"),
                        "spec.ingress[0].fromEntities[0]: entity \"cluster\" means nothing at the edge: the box"
                                + " knows world, host and all"),
                Arguments.of(ingress("- fromRequires: [{matchLabels: {env: prod}}]"),
                        "spec.ingress[0].fromRequires: fromRequires is not supported (Cilium deprecates it)"),
                Arguments.of(ingress("- fromNodes: [{}]"),
                        "spec.ingress[0].fromNodes: the box selects no Kubernetes nodes"),
                Arguments.of(ingress("- icmps: [{fields: [{type: 8}]}]"),
                        "spec.ingress[0].icmps: ICMP rules are not supported: the box enforces TCP and UDP only"),
                Arguments.of(ingress("- authentication: {mode: required}"),
                        "spec.ingress[0].authentication: mutual authentication is not supported"),
                Arguments.of(ingress("- fromCIDR: [10.0.0.0/33]"),
                        "spec.ingress[0].fromCIDR[0]: \"10.0.0.0/33\": the prefix length must be 0 to 32"),
                Arguments.of(ingress("- fromCIDR: [gateway.local]"),
                        "spec.ingress[0].fromCIDR[0]: \"gateway.local\" is not an IP address"),
                Arguments.of(ingress("- fromCIDRSet: [{cidr: 10.0.0.0/16, except: [10.1.0.0/24]}]"),
                        "spec.ingress[0].fromCIDRSet[0].except[0]: 10.1.0.0/24 is not inside 10.0.0.0/16"),
                Arguments.of(ingress("- fromCIDRSet: [{cidr: 10.0.0.0/16, cidrGroupRef: office}]"),
                        "spec.ingress[0].fromCIDRSet[0]: needs exactly one of cidr and cidrGroupRef"),
                Arguments.of(ingress("- fromCIDRSet: [{cidrGroupSelector: {matchLabels: {a: b}}}]"),
                        "spec.ingress[0].fromCIDRSet[0].cidrGroupSelector: cidrGroupSelector is not supported: name"
                                + " the group with cidrGroupRef"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: http, protocol: TCP}]}]"),
                        "spec.ingress[0].toPorts[0].ports[0].port: named ports are not supported: the box knows no"
                                + " pod's port names, write the port number"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"70000\"}]}]"),
                        "spec.ingress[0].toPorts[0].ports[0].port: must be 0-65535, got 70000"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", endPort: 79}]}]"),
                        "spec.ingress[0].toPorts[0].ports[0].endPort: must be 80-65535, got 79"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"0\", endPort: 79}]}]"),
                        "spec.ingress[0].toPorts[0].ports[0].endPort: needs a port to start from"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", protocol: SCTP}]}]"),
                        "spec.ingress[0].toPorts[0].ports[0].protocol: SCTP is not supported: the box enforces TCP"
                                + " and UDP only"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", protocol: tcp}]}]"),
                        "spec.ingress[0].toPorts[0].ports[0].protocol: must be TCP, UDP or ANY, got \"tcp\""),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\"}], rules: {http: [{method: GET}]}}]"),
                        "spec.ingress[0].toPorts[0].ports[0].protocol: HTTP rules apply to TCP only, got ANY"),
                Arguments.of(ingress("- toPorts: [{rules: {http: [{method: GET}]}}]"),
                        "spec.ingress[0].toPorts[0].ports: HTTP rules need the TCP ports they apply to"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\", protocol: UDP}],"
                        + " rules: {dns: [{matchPattern: \"*\"}], http: [{method: GET}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns: cannot be combined with http: a port rule takes one"
                                + " L7 protocol"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\", protocol: UDP}], rules: {dns: [{}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns[0]: needs matchName or matchPattern"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\"}],"
                        + " rules: {dns: [{matchName: a.example, matchPattern: \"*.a.example\"}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns[0].matchPattern: cannot be combined with matchName in"
                                + " one entry: write an entry for each"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\"}], rules: {dns: [{matchName: \"a..b\"}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns[0].matchName: must be dot-separated labels of letters,"
                                + " digits, \"-\" and \"_\", got \"a..b\""),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\"}], rules: {dns: [{matchName: \"*.b\"}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns[0].matchName: must be dot-separated labels of letters,"
                                + " digits, \"-\" and \"_\", got \"*.b\""),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\"}],"
                        + " rules: {dns: [{matchPattern: \"a.[bc].example\"}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns[0].matchPattern: must be dot-separated labels of"
                                + " letters, digits, \"-\" and \"_\" or \"*\", got \"a.[bc].example\""),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\"}], rules: {dns: [{matchName: a.example,"
                        + " host: x}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.dns[0].host: unknown field"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"5353\", protocol: UDP}],"
                        + " rules: {dns: [{matchPattern: \"*\"}]}}]"),
                        "spec.ingress[0].toPorts[0].ports[0].port: DNS rules apply to port 53 only, got 5353"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"53\", endPort: 54}],"
                        + " rules: {dns: [{matchPattern: \"*\"}]}}]"),
                        "spec.ingress[0].toPorts[0].ports[0].endPort: DNS rules apply to port 53 only, got 53-54"),
                Arguments.of(ingress("- toPorts: [{rules: {dns: [{matchPattern: \"*\"}]}}]"),
                        "spec.ingress[0].toPorts[0].ports: DNS rules need the port they apply to: 53, the box's"
                                + " resolver"),
                Arguments.of(cnp("endpointSelector: {}\ningressDeny: [{toPorts: [{ports: [{port: \"53\"}],"
                        + " rules: {dns: [{matchName: a.example}]}}]}]"),
                        "spec.ingressDeny[0].toPorts[0].rules: deny rules take no L7 rules"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"9092\", protocol: TCP}],"
                        + " rules: {kafka: [{topic: t}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.kafka: Kafka rules are not supported: only HTTP and DNS"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", protocol: TCP}],"
                        + " rules: {http: [{path: \"/a(\"}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.http[0].path: is not a valid regular expression:"
                                + " Unclosed group"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", protocol: TCP}],"
                        + " rules: {http: [{host: a.example}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.http[0].host: host rules are not supported: select the"
                                + " route's hostname on the Gateway"),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"80\", protocol: TCP}],"
                        + " rules: {http: [{headers: [\"bad name: x\"]}]}}]"),
                        "spec.ingress[0].toPorts[0].rules.http[0].headers[0]: must be \"Name: value\" or \"Name\""
                                + " with a header name, got \"bad name: x\""),
                Arguments.of(ingress("- toPorts: [{ports: [{port: \"443\", protocol: TCP}], serverNames: [a.b]}]"),
                        "spec.ingress[0].toPorts[0].serverNames: server name rules are not supported"),
                Arguments.of(cnp("endpointSelector: {}\ningressDeny: [{toPorts: [{ports: [{port: \"80\","
                        + " protocol: TCP}], rules: {http: [{method: GET}]}}]}]"),
                        "spec.ingressDeny[0].toPorts[0].rules: deny rules take no L7 rules"),
                Arguments.of(cnp("endpointSelector: {}\ningress: []\nlabels: [{key: a}]"),
                        "spec.labels: rule labels are not supported: describe the rule with description"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refusedNamingObjectFieldAndReason(String yaml, String problem) {
        assertEquals(List.of(OBJECT + problem), Manifests.refused(yaml));
    }

    static Stream<Arguments> wholeObjectRefusals() {
        return Stream.of(
                Arguments.of("""
                        apiVersion: cilium.io/v2
                        kind: CiliumNetworkPolicy
                        metadata: {name: Web}
                        spec: {endpointSelector: {}, ingress: []}
                        """, "CiliumNetworkPolicy default/Web: metadata.name: must be a lower case DNS name,"
                        + " got \"Web\""),
                Arguments.of("""
                        apiVersion: cilium.io/v2
                        kind: CiliumNetworkPolicy
                        metadata: {name: web}
                        """, "CiliumNetworkPolicy default/web: spec: is required: a rule in spec, or rules in specs"),
                Arguments.of("""
                        apiVersion: networking.k8s.io/v1
                        kind: NetworkPolicy
                        metadata: {name: web}
                        specs: [{podSelector: {}}]
                        spec: {}
                        """, "NetworkPolicy default/web: specs: unknown field"),
                Arguments.of("""
                        apiVersion: cilium.io/v2
                        kind: CiliumCIDRGroup
                        metadata: {name: office}
                        """, "CiliumCIDRGroup office: spec.externalCIDRs: is required: the client networks of the"
                        + " group"),
                Arguments.of("""
                        apiVersion: cilium.io/v2
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: web
                          annotations: {edgebox.io/policy-audit: "yes"}
                        spec: {endpointSelector: {}, ingress: []}
                        """, "CiliumNetworkPolicy default/web: metadata.annotations[edgebox.io/policy-audit]: must be"
                        + " \"true\" or \"false\", got \"yes\""),
                Arguments.of("""
                        apiVersion: cilium.io/v3
                        kind: CiliumNetworkPolicy
                        metadata: {name: web}
                        """, "CiliumNetworkPolicy: kind: unsupported: cilium.io/v3 CiliumNetworkPolicy"),
                Arguments.of("""
                        apiVersion: cilium.io/v2
                        kind: CiliumNetworkPolicy
                        metadata: {name: web}
                        spec: {endpointSelector: {}, ingress: []}
                        extra: 1
                        """, "CiliumNetworkPolicy default/web: extra: unknown field"));
    }

    @ParameterizedTest
    @MethodSource("wholeObjectRefusals")
    void refusedWhole(String yaml, String problem) {
        assertEquals(List.of(problem), Manifests.refused(yaml));
    }
}
