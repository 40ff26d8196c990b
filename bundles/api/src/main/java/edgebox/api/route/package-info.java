/** The proxy's routes as other functions see them: which hostnames each Gateway serves, on which addresses. */
@Export
@Version("1.0.0")
package edgebox.api.route;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
