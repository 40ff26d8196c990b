package edgebox.api.objects;

import java.util.List;
import java.util.Map;

/**
 * A BackendTLSPolicy: the proxy's connections to the {@code targetRefs} Services (a port by its name when
 * {@code sectionName} is set) speak TLS with SNI {@code hostname}, and trust the peer when its chain ends at one of
 * the {@code caCertificateRefs} ConfigMaps' {@code ca.crt} certificates (or, {@code systemCertificates}, at the
 * JDK's well-known CAs) and its names hold {@code hostname}, or one of {@code subjectAltNames} when any are given.
 */
public record BackendTlsPolicy(Meta meta, List<TargetRef> targetRefs, List<LocalRef> caCertificateRefs,
        boolean systemCertificates, String hostname, List<SubjectAltName> subjectAltNames,
        Map<String, String> options) implements KubeObject {

    public static final String KIND = "BackendTLSPolicy";

    public BackendTlsPolicy {
        targetRefs = List.copyOf(targetRefs);
        caCertificateRefs = List.copyOf(caCertificateRefs);
        subjectAltNames = List.copyOf(subjectAltNames);
        options = Map.copyOf(options);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** A target in the policy's namespace; {@code group} empty for the core group, {@code sectionName} empty for all ports. */
    public record TargetRef(String group, String kind, String name, String sectionName) {
    }

    /** An object in the policy's namespace; {@code group} empty for the core group. */
    public record LocalRef(String group, String kind, String name) {
    }

    /** {@code type} Hostname (a DNS name, {@code *.} allowed) or URI (an absolute URI, a SPIFFE ID say). */
    public record SubjectAltName(String type, String value) {

        public static final String HOSTNAME = "Hostname";
        public static final String URI = "URI";
    }
}
