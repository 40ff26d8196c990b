package edgebox.policy.model;

import java.util.List;
import java.util.Set;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;

/**
 * An ingress (or ingressDeny) rule: the peers it names and the ports they may reach (none: every port). A peer
 * matches when one of the peer lists matches it. {@code everyPeer}: the rule names no peer field and has toPorts
 * (as Cilium reads a rule without from* fields), or is a NetworkPolicy rule without {@code from}; a peer field
 * written empty ({@code fromEndpoints: []}) matches no one, and so does {@code - {}}. At the edge the fromEndpoints
 * selectors are read over the labels of client networks (CiliumCIDRGroups) and are not narrowed to the policy's
 * namespace.
 */
public record IngressRule(List<LabelSelector> fromEndpoints, List<Cidr> fromCidr, List<CidrSet> fromCidrSet,
        Set<Entity> fromEntities, boolean everyPeer, List<PortRule> toPorts) {

    public IngressRule {
        fromEndpoints = List.copyOf(fromEndpoints);
        fromCidr = List.copyOf(fromCidr);
        fromCidrSet = List.copyOf(fromCidrSet);
        fromEntities = Set.copyOf(fromEntities);
        toPorts = List.copyOf(toPorts);
    }
}
