package edgebox.api.objects;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * A {@code v1} ConfigMap: its {@code data}, and the certificates of its {@code ca.crt} key decoded and checked once
 * (empty when it has none), the trust anchors a BackendTLSPolicy refers to.
 */
public record ConfigMap(Meta meta, Map<String, String> data, List<X509Certificate> caCertificates)
        implements KubeObject {

    /** The key a CA bundle is read from. */
    public static final String CA_KEY = "ca.crt";

    public ConfigMap {
        data = Map.copyOf(data);
        caCertificates = List.copyOf(caCertificates);
    }

    @Override
    public String kind() {
        return "ConfigMap";
    }
}
