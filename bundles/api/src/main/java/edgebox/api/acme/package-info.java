/** What the ACME function asks of the others to prove control of a name. */
@Export
@Version("1.0.0")
package edgebox.api.acme;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
