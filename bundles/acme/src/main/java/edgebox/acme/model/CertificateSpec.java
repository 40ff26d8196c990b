package edgebox.acme.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A cert-manager {@code Certificate}, validated.
 *
 * @param namespace             its namespace; the issued certificate is served as {@code namespace/secretName}
 * @param name                  its name
 * @param secretName            the Secret name a Gateway listener's {@code certificateRefs} use
 * @param dnsNames              the names, wildcards as {@code *.example.com}
 * @param issuerKey             {@link Issuer#key()} of the issuer it names
 * @param keyAlgorithm          {@code ECDSA}, {@code RSA} or {@code Ed25519}
 * @param keySize               256/384 for ECDSA, 2048..8192 for RSA, 0 for Ed25519
 * @param duration              the lifetime asked for, or null (the server's choice)
 * @param renewBefore           renew this long before notAfter, or null
 * @param renewBeforePercentage renew when this share of the lifetime is left (1..99), or 0
 * @param labels                {@code metadata.labels}, for solver selectors
 */
public record CertificateSpec(String namespace, String name, String secretName, List<String> dnsNames,
        String issuerKey, String keyAlgorithm, int keySize, Duration duration, Duration renewBefore,
        int renewBeforePercentage, Map<String, String> labels) {

    public CertificateSpec {
        dnsNames = List.copyOf(dnsNames);
        labels = Map.copyOf(labels);
    }

    /** {@code namespace/name} of the Certificate. */
    public String ref() {
        return namespace + "/" + name;
    }

    /** {@code namespace/secretName}: the name the proxy serves it by. */
    public String secretRef() {
        return namespace + "/" + secretName;
    }
}
