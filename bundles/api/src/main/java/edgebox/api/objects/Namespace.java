package edgebox.api.objects;

/** A {@code v1} Namespace: its labels select routes (Gateway allowedRoutes) and peers (network policies). */
public record Namespace(Meta meta) implements KubeObject {

    /** The label Kubernetes sets on every namespace. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public String kind() {
        return "Namespace";
    }
}
