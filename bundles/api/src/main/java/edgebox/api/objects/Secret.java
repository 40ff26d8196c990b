package edgebox.api.objects;

import java.util.Map;
import java.util.Optional;

import edgebox.api.tls.TlsCertificate;

/**
 * A {@code v1} Secret of type {@code kubernetes.io/tls} (then {@code certificate} is its chain and key, decoded and
 * checked once) or {@code Opaque} (values for functions, such as the ACME solvers' tokens; {@code certificate} is
 * null). {@code data} holds every value as bytes: {@code data} base64-decoded, {@code stringData} as UTF-8, the
 * latter winning as in Kubernetes. {@code toString} never shows a value.
 */
public record Secret(Meta meta, String type, Map<String, byte[]> data, TlsCertificate certificate)
        implements KubeObject {

    public static final String TLS = "kubernetes.io/tls";
    public static final String OPAQUE = "Opaque";

    public Secret {
        data = Map.copyOf(data);
    }

    @Override
    public String kind() {
        return "Secret";
    }

    /** Whether it holds a certificate ({@code kubernetes.io/tls}). */
    public boolean tls() {
        return TLS.equals(type);
    }

    /** A copy of the value of {@code key}. */
    public Optional<byte[]> value(String key) {
        byte[] v = data.get(key);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    @Override
    public String toString() {
        return "Secret[" + meta.key() + ", " + type + ", keys=" + new java.util.TreeSet<>(data.keySet()) + "]";
    }
}
