package edgebox.policy.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import edgebox.api.objects.LabelSelector;
import edgebox.policy.model.IngressRule;
import edgebox.policy.model.Rule;

/** Reads the rules of a CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy: {@code spec}, then {@code specs}. */
final class CiliumRules {

    private static final String INGRESS_ONLY = "the box enforces ingress only";

    private static final List<String> FIELDS =
            List.of("endpointSelector", "nodeSelector", "ingress", "ingressDeny", "enableDefaultDeny", "description");

    /** The box's own services, as a host policy ({@code nodeSelector}) selects them. */
    private static final LabelSelector HOST = new LabelSelector(Map.of("reserved:host", ""), List.of());

    private static final Map<String, String> REFUSED = Map.of(
            "egress", INGRESS_ONLY,
            "egressDeny", INGRESS_ONLY,
            "labels", "rule labels are not supported: describe the rule with description");

    private CiliumRules() {
    }

    /** The rules of {@code root}; {@code namespace} is empty for a cluster-wide policy. */
    static List<Rule> rules(In root, String namespace) {
        List<Rule> out = new ArrayList<>();
        if (root.has("spec")) {
            out.add(rule(root.at("spec"), namespace));
        }
        for (In spec : root.list("specs")) {
            out.add(rule(spec, namespace));
        }
        if (!root.has("spec") && !root.has("specs")) {
            root.problem("spec", "is required: a rule in spec, or rules in specs");
        }
        return out;
    }

    private static Rule rule(In node, String namespace) {
        node.only(FIELDS, REFUSED);
        LabelSelector selector = LabelSelector.EVERYTHING;
        if (node.has("endpointSelector") && node.has("nodeSelector")) {
            node.problem("nodeSelector", "cannot be combined with endpointSelector: a rule selects endpoints or nodes");
        } else if (node.has("endpointSelector")) {
            selector = Selectors.endpoints(node.at("endpointSelector"), namespace);
        } else if (node.has("nodeSelector")) {
            selector = host(node.at("nodeSelector"), namespace);
        } else {
            node.problem("endpointSelector", "is required");
        }
        List<IngressRule> ingress = new ArrayList<>();
        for (In i : node.list("ingress")) {
            ingress.add(Peers.ingress(i, false));
        }
        List<IngressRule> deny = new ArrayList<>();
        for (In i : node.list("ingressDeny")) {
            deny.add(Peers.ingress(i, true));
        }
        In defaultDeny = node.at("enableDefaultDeny");
        defaultDeny.only(List.of("ingress"), Map.of("egress", INGRESS_ONLY));
        Boolean ingressDefaultDeny = defaultDeny.bool("ingress");
        String description = node.str("description");
        if (!node.has("ingress") && !node.has("ingressDeny") && !node.has("egress") && !node.has("egressDeny")) {
            node.problem("needs ingress or ingressDeny");
        }
        return new Rule(selector, ingress, deny, ingressDefaultDeny == null || ingressDefaultDeny, description);
    }

    /**
     * A host policy: the box is the one node, and it carries no node labels, so {@code nodeSelector: {}} selects its
     * own services (DNS, console, metrics, proxy listeners: the {@code host} entity); a selector with labels would
     * select nothing and is refused. Cluster-wide policies only, as in Cilium.
     */
    private static LabelSelector host(In selector, String namespace) {
        if (!namespace.isEmpty()) {
            selector.problem("is for CiliumClusterwideNetworkPolicy only: host policies are cluster-wide");
        }
        selector.only(List.of("matchLabels", "matchExpressions"), Map.of());
        if (!selector.stringMap("matchLabels").isEmpty() || !selector.list("matchExpressions").isEmpty()) {
            selector.problem("the box is the one node and carries no labels: write nodeSelector: {} to select it");
        }
        return HOST;
    }
}
