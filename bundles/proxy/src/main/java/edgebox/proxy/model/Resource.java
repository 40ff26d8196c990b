package edgebox.proxy.model;

/** One parsed and validated manifest object. */
public sealed interface Resource permits Gateway, Route, ReferenceGrant, Service, EndpointSlice, TlsSecret {

    Meta meta();

    /** The manifest kind: {@code Gateway}, {@code HTTPRoute}, ... */
    String kind();

    /** How messages name it: {@code HTTPRoute web/shop}. */
    default String displayName() {
        return kind() + " " + meta().key();
    }
}
