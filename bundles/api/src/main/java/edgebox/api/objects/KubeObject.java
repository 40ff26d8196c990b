package edgebox.api.objects;

/** One validated Kubernetes object of a kind the box shares between its functions. */
public sealed interface KubeObject permits Gateway, Route, ReferenceGrant, Service, EndpointSlice, Secret, Namespace,
        Pod, LoadBalancerIpPool, BackendTlsPolicy, ConfigMap {

    Meta meta();

    /** The manifest kind: {@code Gateway}, {@code HTTPRoute}, ... */
    String kind();

    /** How messages name it: {@code HTTPRoute web/shop}. */
    default String displayName() {
        return kind() + " " + meta().key();
    }
}
