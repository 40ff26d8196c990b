/**
 * What a component needs to run its work off the framework's threads: one named worker thread, and a signal it
 * raises and withdraws (an OSGi condition, registered by the component itself, so this package carries no
 * framework types); a bounded run of a host command for functions that set up the host around them; and a log
 * that a flood cannot fill.
 */
@Export
@Version("1.2.0")
package edgebox.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
