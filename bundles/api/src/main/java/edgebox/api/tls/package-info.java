/** Certificates and keys for TLS listeners, from whichever function holds them (TLS Secrets, ACME). */
@Export
@Version("1.0.0")
package edgebox.api.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
