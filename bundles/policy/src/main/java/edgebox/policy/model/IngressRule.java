package edgebox.policy.model;

import java.util.List;
import java.util.Set;

import edgebox.api.net.Cidr;
import edgebox.api.objects.LabelSelector;

/**
 * An ingress (or ingressDeny) rule: the peers it names and the ports they may reach. A peer matches when any of
 * the peer lists matches it. At the edge the fromEndpoints selectors are read over the labels of client networks
 * (CiliumCIDRGroups) and are not narrowed to the policy's namespace. A rule with no peer field and some toPorts
 * applies to every peer; a rule with neither ({@code - {}}) matches nothing. No toPorts: every port.
 */
public record IngressRule(List<LabelSelector> fromEndpoints, List<Cidr> fromCidr, List<CidrSet> fromCidrSet,
        Set<Entity> fromEntities, List<PortRule> toPorts) {

    public IngressRule {
        fromEndpoints = List.copyOf(fromEndpoints);
        fromCidr = List.copyOf(fromCidr);
        fromCidrSet = List.copyOf(fromCidrSet);
        fromEntities = Set.copyOf(fromEntities);
        toPorts = List.copyOf(toPorts);
    }

    /** Whether the rule names no peer at all. */
    public boolean noPeerField() {
        return fromEndpoints.isEmpty() && fromCidr.isEmpty() && fromCidrSet.isEmpty() && fromEntities.isEmpty();
    }
}
