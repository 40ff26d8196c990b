package edgebox.api.config;

import java.util.Map;
import java.util.Objects;

/**
 * A Config Admin factory configuration that a manifest object turns into.
 *
 * @param factoryPid the factory PID of the component that consumes it
 * @param name       the configuration's name within the factory (Config Admin 1.6 named factory configurations);
 *                   unique per object, for example {@code namespace.name}
 * @param properties the configuration's properties, of types Config Admin accepts
 */
public record ConfigurationSpec(String factoryPid, String name, Map<String, Object> properties) {

    public ConfigurationSpec {
        Objects.requireNonNull(factoryPid, "factoryPid");
        Objects.requireNonNull(name, "name");
        properties = Map.copyOf(properties);
    }
}
