package edgebox.api.config;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks the meaning of a configuration before it reaches Config Admin, beyond what its metatype says (an address
 * that must parse, a port range, two fields that exclude each other). Registered with the service property
 * {@link #PIDS} listing the PIDs and factory PIDs it checks. The config bundle calls every matching validator for
 * every change, from a file, a manifest or the console, and applies nothing while any of them objects.
 */
@ConsumerType
public interface ConfigValidator {

    /** Service property: the PIDs and factory PIDs this validator checks. */
    String PIDS = "edgebox.config.pids";

    /**
     * @param pid        the PID, or the factory PID for a factory configuration
     * @param properties the properties as they would be applied, already converted to their metatype types
     * @return the problems found, empty when the configuration is fine; {@code object} may be left empty
     */
    List<ConfigProblem> validate(String pid, Map<String, Object> properties);
}
