package edgebox.proxy.route;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the proxy speaks to a Service port that a BackendTLSPolicy covers: TLS with SNI {@code hostname}, ALPN
 * http/1.1, the peer's chain ending at one of {@code trustAnchors} (the JDK's well-known CAs when
 * {@code systemTrust}), and its subjectAltNames holding one of {@code dnsNames} (wildcards allowed) or of
 * {@code uris}. {@code problem} is non-empty when the policy's CA references do not resolve: connections then fail
 * with that reason, never fall back to plaintext. One instance per policy and compile, shared by its clusters.
 */
public record BackendTls(String policy, String hostname, List<X509Certificate> trustAnchors, boolean systemTrust,
        List<String> dnsNames, List<String> uris, String problem) {

    public BackendTls {
        trustAnchors = List.copyOf(trustAnchors);
        dnsNames = List.copyOf(dnsNames);
        uris = List.copyOf(uris);
        problem = problem == null ? "" : problem;
    }

    public boolean usable() {
        return problem.isEmpty();
    }
}
