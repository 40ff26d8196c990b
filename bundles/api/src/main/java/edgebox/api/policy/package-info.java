/** A policy decision point the data paths consult per connection and per request when one is registered. */
@Export
@Version("1.0.0")
package edgebox.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
