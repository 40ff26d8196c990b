@Export
@Version("1.0.0")
package edgebox.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
