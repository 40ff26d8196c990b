package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;
import edgebox.policy.model.CidrSet;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.PortRange;
import edgebox.policy.model.PortRule;
import edgebox.policy.model.Protocol;
import edgebox.policy.model.Rule;

/**
 * Reads a {@code networking.k8s.io/v1} NetworkPolicy as the one Cilium rule it means: podSelector is the
 * endpointSelector (in the policy's namespace), each ingress rule an IngressRule. A peer's ipBlock becomes a
 * fromCIDRSet entry; its podSelector, namespaceSelector or both become one fromEndpoints selector, the namespace
 * labels under {@code io.cilium.k8s.namespace.labels.} as Cilium translates them. A rule without {@code from}
 * admits every peer, one without {@code ports} every port.
 */
final class NetworkPolicies {

    private static final String INGRESS_ONLY = "the box enforces ingress only";

    private NetworkPolicies() {
    }

    static Rule rule(In spec, String namespace) {
        spec.only(List.of("podSelector", "policyTypes", "ingress"), Map.of("egress", INGRESS_ONLY));
        LabelSelector selector = Selectors.endpoints(spec.at("podSelector"), namespace);
        for (In type : spec.list("policyTypes")) {
            String t = type.text();
            if ("Egress".equals(t)) {
                type.problem("Egress is not supported: " + INGRESS_ONLY);
            } else if (t != null && !t.equals("Ingress")) {
                type.problem("must be Ingress, got \"" + t + "\"");
            }
        }
        List<IngressRule> ingress = new ArrayList<>();
        for (In rule : spec.list("ingress")) {
            ingress.add(ingressRule(rule));
        }
        return new Rule(selector, ingress, List.of(), true, true, "");
    }

    private static IngressRule ingressRule(In rule) {
        rule.only(List.of("from", "ports"), Map.of());
        List<LabelSelector> endpoints = new ArrayList<>();
        List<CidrSet> blocks = new ArrayList<>();
        for (In peer : rule.list("from")) {
            peer.only(List.of("ipBlock", "podSelector", "namespaceSelector"), Map.of());
            boolean pods = peer.has("podSelector");
            boolean namespaces = peer.has("namespaceSelector");
            if (peer.has("ipBlock")) {
                if (pods || namespaces) {
                    peer.problem("ipBlock", "cannot be combined with podSelector or namespaceSelector");
                }
                ipBlock(peer.at("ipBlock"), blocks);
            } else if (pods || namespaces) {
                LabelSelector p = Selectors.plain(peer.at("podSelector"));
                LabelSelector n = Selectors.namespaces(peer.at("namespaceSelector"));
                Map<String, String> labels = new LinkedHashMap<>(p.matchLabels());
                labels.putAll(n.matchLabels());
                List<LabelSelector.Requirement> expressions = new ArrayList<>(p.expressions());
                expressions.addAll(n.expressions());
                endpoints.add(new LabelSelector(labels, expressions));
            } else {
                peer.problem("needs ipBlock, podSelector or namespaceSelector");
            }
        }
        boolean anyPeer = !rule.has("from") || rule.list("from").isEmpty();
        List<PortRule> ports = new ArrayList<>();
        List<PortRange> ranges = new ArrayList<>();
        for (In p : rule.list("ports")) {
            PortRange r = Ports.networkPolicyPort(p);
            if (r != null) {
                ranges.add(r);
            }
        }
        if (!ranges.isEmpty()) {
            ports.add(new PortRule(ranges, List.of()));
        } else if (anyPeer) {
            ports.add(new PortRule(List.of(PortRange.every(Protocol.ANY)), List.of()));
        }
        return new IngressRule(endpoints, List.of(), blocks, Set.of(), ports);
    }

    private static void ipBlock(In block, List<CidrSet> out) {
        block.only(List.of("cidr", "except"), Map.of());
        if (!block.has("cidr")) {
            block.problem("cidr", "is required");
            return;
        }
        var cidr = Peers.cidr(block.at("cidr"));
        List<Cidr> except = new ArrayList<>();
        for (In e : block.list("except")) {
            var x = Peers.cidr(e);
            if (x.isPresent() && cidr.isPresent() && !Peers.inside(x.get(), cidr.get())) {
                e.problem(x.get() + " is not inside " + cidr.get());
            }
            x.ifPresent(except::add);
        }
        cidr.ifPresent(c -> out.add(CidrSet.of(c, except)));
    }
}
