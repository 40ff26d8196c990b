package edgebox.api.acme;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Publishes DNS-01 challenge records (RFC 8555 section 8.4) in the box's own DNS: {@code publish} returns once the
 * TXT record is served, so the ACME function can tell the server to validate at once without a self-check. Names
 * are absolute ({@code _acme-challenge.example.com.}); several values may be published for one name (a wildcard and
 * its apex share it). Provided by the DNS function.
 */
@ProviderType
public interface Dns01Publisher {

    void publish(String name, String value);

    void withdraw(String name, String value);
}
