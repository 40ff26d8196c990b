@Export
@Version("1.4.0")
package edgebox.api.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
