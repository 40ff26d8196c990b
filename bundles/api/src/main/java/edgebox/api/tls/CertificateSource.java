package edgebox.api.tls;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Certificates a function offers to TLS listeners: the proxy's TLS Secrets, the ACME function's issued
 * certificates. A source swaps its list whole and then raises the service property {@link #VERSION}; consumers
 * bind with a DS {@code updated} method and pick up a renewed certificate at once. When two sources offer the same
 * {@code namespace/name}, the certificate that expires last wins.
 */
@ConsumerType
public interface CertificateSource {

    /** Service property: a number that grows with every change of {@link #certificates()}. */
    String VERSION = "edgebox.tls.version";

    /** An immutable list. */
    List<TlsCertificate> certificates();
}
