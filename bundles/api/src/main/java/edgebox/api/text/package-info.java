/** Text formats the functions write by hand, such as the JSON of their log lines. */
@Export
@Version("1.0.0")
package edgebox.api.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
