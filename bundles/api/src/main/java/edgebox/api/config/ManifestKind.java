package edgebox.api.config;

import java.util.Objects;

/** A Kubernetes-style type: {@code gateway.networking.k8s.io/v1} {@code HTTPRoute}. */
public record ManifestKind(String apiVersion, String kind) {

    public ManifestKind {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String toString() {
        return apiVersion + " " + kind;
    }
}
