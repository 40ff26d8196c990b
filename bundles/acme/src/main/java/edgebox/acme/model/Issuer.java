package edgebox.acme.model;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * A cert-manager {@code ClusterIssuer} or {@code Issuer} with an ACME section, validated.
 *
 * @param key            how Certificates find it: {@code ClusterIssuer/NAME} or {@code Issuer/NAMESPACE/NAME}
 * @param server         the directory URL
 * @param email          the account contact, or null
 * @param accountKeyName {@code privateKeySecretRef.name}: the account key is stored under this name
 * @param caBundle       the roots to trust for the server's TLS; empty means the JDK's roots
 * @param profile        the certificate profile to ask for (draft-ietf-acme-profiles), or null
 * @param preferredChain the issuer CN of the chain to prefer among the alternates, or null
 * @param solvers        in manifest order
 * @param eab            the external account binding: {@code keyID}, {@code secretName}, {@code secretKey},
 *                       {@code secretNamespace} (the Secret holds the base64url MAC key); empty when none
 */
public record Issuer(String key, String server, String email, String accountKeyName,
        List<X509Certificate> caBundle, String profile, String preferredChain, List<Solver> solvers,
        Map<String, String> eab) {

    public Issuer {
        caBundle = List.copyOf(caBundle);
        solvers = List.copyOf(solvers);
        eab = Map.copyOf(eab);
    }

    public Issuer(String key, String server, String email, String accountKeyName, List<X509Certificate> caBundle,
            String profile, String preferredChain, List<Solver> solvers) {
        this(key, server, email, accountKeyName, caBundle, profile, preferredChain, solvers, Map.of());
    }
}
