package edgebox.policy.model;

/**
 * Label keys the policy reader adds to selectors, as Cilium names them without their {@code k8s:} source prefix.
 * Backends carry {@link #NAMESPACE} with their Service's namespace.
 */
public final class EndpointLabels {

    /** The namespace of an endpoint: implied in the endpointSelector of a namespaced policy. */
    public static final String NAMESPACE = "io.kubernetes.pod.namespace";

    /** The prefix a NetworkPolicy's namespaceSelector keys get, as Cilium translates them. */
    public static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";

    private EndpointLabels() {
    }
}
