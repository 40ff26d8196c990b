package edgebox.config.model;

import java.util.Objects;

/**
 * Which Config Admin configuration: a singleton PID, or a named factory configuration ({@code factoryPid~name},
 * Config Admin 1.6). Prints as Config Admin names it.
 *
 * @param factoryPid the factory PID, or {@code null} for a singleton
 * @param name       the PID of a singleton, or the name within the factory
 */
public record ConfigKey(String factoryPid, String name) implements Comparable<ConfigKey> {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
    }

    public static ConfigKey pid(String pid) {
        return new ConfigKey(null, pid);
    }

    public static ConfigKey factory(String factoryPid, String name) {
        return new ConfigKey(Objects.requireNonNull(factoryPid, "factoryPid"), name);
    }

    /** {@code PID.cfg} or {@code FACTORY~name.cfg}; {@code null} when the file name is no configuration file. */
    public static ConfigKey parse(String text) {
        int tilde = text.indexOf('~');
        if (tilde < 0) {
            return text.isBlank() ? null : pid(text);
        }
        String factory = text.substring(0, tilde);
        String name = text.substring(tilde + 1);
        return factory.isBlank() || name.isBlank() ? null : factory(factory, name);
    }

    public boolean isFactory() {
        return factoryPid != null;
    }

    /** The PID that metatype and validators know it by: the factory PID, or the PID. */
    public String schemaPid() {
        return isFactory() ? factoryPid : name;
    }

    @Override
    public int compareTo(ConfigKey o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return isFactory() ? factoryPid + "~" + name : name;
    }
}
