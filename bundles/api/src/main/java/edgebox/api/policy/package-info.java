/**
 * The policy decision point the data paths consult per new connection or flow, and per HTTP request where L7
 * rules apply, when one is registered.
 */
@Export
@Version("2.0.0")
package edgebox.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
