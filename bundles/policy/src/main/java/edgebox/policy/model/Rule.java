package edgebox.policy.model;

import java.util.List;
import java.util.Objects;

import edgebox.api.objects.LabelSelector;

/**
 * One Cilium rule: the endpoints it selects and what may reach them. For a namespaced policy the endpointSelector
 * holds the implied {@code io.kubernetes.pod.namespace} label of the policy's namespace in its matchLabels, as
 * Cilium adds {@code k8s:io.kubernetes.pod.namespace}; a cluster-wide rule selects in every namespace.
 * <p>
 * {@code ingressSelected}: the rule had an {@code ingress} or {@code ingressDeny} section (an empty one included),
 * so it puts the endpoints it selects under ingress enforcement. {@code defaultDenyIngress} is
 * {@code enableDefaultDeny.ingress}, true when not written: false makes the rule add its allows without denying
 * what it does not allow.
 */
public record Rule(LabelSelector endpointSelector, List<IngressRule> ingress, List<IngressRule> ingressDeny,
        boolean ingressSelected, boolean defaultDenyIngress, String description) {

    public Rule {
        Objects.requireNonNull(endpointSelector, "endpointSelector");
        ingress = List.copyOf(ingress);
        ingressDeny = List.copyOf(ingressDeny);
        description = description == null ? "" : description;
    }
}
