@Export
@Version("1.5.0")
package edgebox.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
