package edgebox.policy.model;

/** The kinds of policy the box enforces, with the apiVersion and kind a manifest gives them. */
public enum PolicyKind {
    CNP("cilium.io/v2", "CiliumNetworkPolicy", true),
    CCNP("cilium.io/v2", "CiliumClusterwideNetworkPolicy", false),
    NETWORK_POLICY("networking.k8s.io/v1", "NetworkPolicy", true);

    private final String apiVersion;
    private final String kind;
    private final boolean namespaced;

    PolicyKind(String apiVersion, String kind, boolean namespaced) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.namespaced = namespaced;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String kind() {
        return kind;
    }

    public boolean namespaced() {
        return namespaced;
    }
}
