package edgebox.api.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain and its key, known by the name of the Secret it stands for ({@code namespace/name}, the name
 * a Gateway listener's {@code certificateRefs} use). {@code chain} starts with the leaf. {@code toString} never
 * shows the key.
 */
public record TlsCertificate(String namespace, String name, PrivateKey key, List<X509Certificate> chain) {

    public TlsCertificate {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least its leaf");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public String ref() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return "TlsCertificate[" + ref() + ", " + leaf().getSubjectX500Principal() + ", notAfter="
                + leaf().getNotAfter().toInstant() + "]";
    }
}
