package edgebox.policy.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Policies in the shapes Cilium's documentation shows: each reads, or is refused naming the field the box does not
 * enforce. No problem at all stands for "reads".
 */
class DocumentedExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("labels based L3", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "l3-rule"
                        spec:
                          endpointSelector:
                            matchLabels:
                              role: backend
                          ingress:
                          - fromEndpoints:
                            - matchLabels:
                                role: frontend
                        """, List.of()),
                Arguments.of("ingress allow all", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "allow-all-to-victim"
                        spec:
                          endpointSelector:
                            matchLabels:
                              role: victim
                          ingress:
                          - fromEndpoints:
                            - {}
                        """, List.of()),
                Arguments.of("L3 and L4 combined", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "l4-rule"
                        spec:
                          endpointSelector:
                            matchLabels:
                              role: backend
                          ingress:
                          - fromEndpoints:
                            - matchLabels:
                                role: frontend
                            toPorts:
                            - ports:
                              - port: "80"
                                protocol: TCP
                        """, List.of()),
                Arguments.of("L3 and L4 as separate rules", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "l4-rules"
                        spec:
                          endpointSelector:
                            matchLabels:
                              role: backend
                          ingress:
                          - fromEndpoints:
                            - matchLabels:
                                role: frontend
                          - toPorts:
                            - ports:
                              - port: "80"
                                protocol: TCP
                        """, List.of()),
                Arguments.of("HTTP GET from prod, description beside the spec", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        description: "Allow HTTP GET /public from env=prod to app=service"
                        metadata:
                          name: "rule1"
                        spec:
                          endpointSelector:
                            matchLabels:
                              app: service
                          ingress:
                          - fromEndpoints:
                            - matchLabels:
                                env: prod
                            toPorts:
                            - ports:
                              - port: "80"
                                protocol: TCP
                              rules:
                                http:
                                - method: "GET"
                                  path: "/public"
                        """, List.of()),
                Arguments.of("world denied, all allowed, cluster-wide", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumClusterwideNetworkPolicy
                        metadata:
                          name: "external-lockdown"
                        spec:
                          endpointSelector: {}
                          ingressDeny:
                          - fromEntities:
                            - "world"
                          ingress:
                          - fromEntities:
                            - "all"
                        """, List.of()),
                Arguments.of("every endpoint to the cluster DNS, cluster-wide", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumClusterwideNetworkPolicy
                        metadata:
                          name: "wildcard-from-endpoints"
                        spec:
                          endpointSelector:
                            matchLabels:
                              k8s:io.kubernetes.pod.namespace: kube-system
                              k8s-app: kube-dns
                          ingress:
                          - fromEndpoints:
                            - {}
                            toPorts:
                            - ports:
                              - port: "53"
                                protocol: UDP
                        """, List.of()),
                Arguments.of("ingress default deny", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "deny-all-ingress"
                        spec:
                          endpointSelector: {}
                          ingress:
                          - {}
                        """, List.of()),
                Arguments.of("allow without default deny", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumClusterwideNetworkPolicy
                        metadata:
                          name: "allow-monitoring"
                        spec:
                          endpointSelector: {}
                          enableDefaultDeny:
                            ingress: false
                          ingress:
                          - fromEndpoints:
                            - matchLabels:
                                app: prometheus
                            toPorts:
                            - ports:
                              - port: "9090"
                                protocol: TCP
                        """, List.of()),
                Arguments.of("CIDR with an exception", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "cidr-rule"
                        spec:
                          endpointSelector:
                            matchLabels:
                              app: myService
                          ingress:
                          - fromCIDR:
                            - 20.1.1.1/32
                          - fromCIDRSet:
                            - cidr: 10.0.0.0/8
                              except:
                              - 10.96.0.0/12
                        """, List.of()),
                Arguments.of("HTTP rules with a header, upper case key", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "l7-rule"
                        spec:
                          endpointSelector:
                            matchLabels:
                              app: myService
                          ingress:
                          - toPorts:
                            - ports:
                              - port: '80'
                                protocol: TCP
                              rules:
                                HTTP:
                                - method: GET
                                  path: "/path1$"
                                - method: PUT
                                  path: "/path2$"
                                  headers:
                                  - 'X-My-Header: true'
                        """, List.of("CiliumNetworkPolicy default/l7-rule: spec.ingress[0].toPorts[0].rules.HTTP: write"
                        + " http in lower case: the Kubernetes API drops HTTP from a Cilium policy")),
                Arguments.of("match expressions, operator in lower case", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "and-statement-policy"
                        spec:
                          endpointSelector: {}
                          ingress:
                          - fromEndpoints:
                            - matchExpressions:
                              - key: "k8s:io.kubernetes.pod.namespace"
                                operator: "in"
                                values:
                                - "production"
                        """, List.of("CiliumNetworkPolicy default/and-statement-policy:"
                        + " spec.ingress[0].fromEndpoints[0].matchExpressions[0].operator: must be one of In, NotIn,"
                        + " Exists, DoesNotExist, got \"in\"")),
                Arguments.of("namespace labels, with egress", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "alliance-only"
                        spec:
                          endpointSelector:
                            matchLabels:
                              name: rebel-base
                          ingress:
                          - fromEndpoints:
                            - matchLabels:
                                io.cilium.k8s.namespace.labels.faction: "alliance"
                          egress:
                          - toEndpoints:
                            - matchLabels:
                                io.cilium.k8s.namespace.labels.faction: "alliance"
                        """, List.of("CiliumNetworkPolicy default/alliance-only: spec.egress: the box enforces ingress"
                        + " only")),
                Arguments.of("several rules in specs, one with egress and a host rule", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "fancyrule"
                        specs:
                          - endpointSelector:
                              matchLabels:
                                app: service
                            ingress:
                            - fromEndpoints:
                              - matchLabels:
                                  env: prod
                              toPorts:
                              - ports:
                                - port: "80"
                                  protocol: TCP
                                rules:
                                  http:
                                  - method: "GET"
                                    path: "/public"
                          - endpointSelector:
                              matchLabels:
                                env: prod
                            egress:
                            - toPorts:
                              - ports:
                                - port: "80"
                                  protocol: TCP
                                rules:
                                  http:
                                  - method: "POST"
                                    host: "^external-service.org$"
                        """, List.of("CiliumNetworkPolicy default/fancyrule: specs[1].egress: the box enforces ingress"
                        + " only")),
                Arguments.of("DNS proxy rules", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "dns-visibility"
                        spec:
                          endpointSelector:
                            matchLabels:
                              k8s-app: kube-dns
                          ingress:
                          - toPorts:
                            - ports:
                              - port: "53"
                                protocol: ANY
                              rules:
                                dns:
                                - matchPattern: "*"
                        """, List.of()),
                Arguments.of("ICMP", """
                        apiVersion: "cilium.io/v2"
                        kind: CiliumNetworkPolicy
                        metadata:
                          name: "icmp-rule"
                        spec:
                          endpointSelector:
                            matchLabels:
                              app: myService
                          ingress:
                          - icmps:
                            - fields:
                              - type: 8
                                family: IPv4
                        """, List.of("CiliumNetworkPolicy default/icmp-rule: spec.ingress[0].icmps: ICMP rules are not"
                        + " supported: the box enforces TCP and UDP only")),
                Arguments.of("Kubernetes default deny", """
                        apiVersion: networking.k8s.io/v1
                        kind: NetworkPolicy
                        metadata:
                          name: default-deny-ingress
                        spec:
                          podSelector: {}
                          policyTypes:
                          - Ingress
                        """, List.of()),
                Arguments.of("Kubernetes ipBlock, namespace and pod selectors, ports", """
                        apiVersion: networking.k8s.io/v1
                        kind: NetworkPolicy
                        metadata:
                          name: test-network-policy
                          namespace: default
                        spec:
                          podSelector:
                            matchLabels:
                              role: db
                          policyTypes:
                          - Ingress
                          ingress:
                          - from:
                            - ipBlock:
                                cidr: 172.17.0.0/16
                                except:
                                - 172.17.1.0/24
                            - namespaceSelector:
                                matchLabels:
                                  project: myproject
                            - podSelector:
                                matchLabels:
                                  role: frontend
                            ports:
                            - protocol: TCP
                              port: 6379
                          - ports:
                            - protocol: TCP
                              port: 32000
                              endPort: 32768
                        """, List.of()),
                Arguments.of("Kubernetes policy with egress", """
                        apiVersion: networking.k8s.io/v1
                        kind: NetworkPolicy
                        metadata:
                          name: default-deny-all
                        spec:
                          podSelector: {}
                          policyTypes:
                          - Ingress
                          - Egress
                        """, List.of("NetworkPolicy default/default-deny-all: spec.policyTypes[1]: Egress is not"
                        + " supported: the box enforces ingress only")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void readsOrIsRefusedNamingTheField(String title, String yaml, List<String> problems) {
        assertEquals(problems, Manifests.refused(yaml));
    }
}
