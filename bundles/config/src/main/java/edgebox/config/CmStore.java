package edgebox.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import edgebox.config.apply.ConfigStore;
import edgebox.config.model.Applied;
import edgebox.config.model.ConfigKey;

/** {@link ConfigStore} over Config Admin: location {@code ?}, named factory configurations, no-op writes skipped. */
final class CmStore implements ConfigStore {

    private static final Set<String> BOOKKEEPING = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation");

    private final ConfigurationAdmin cm;

    CmStore(ConfigurationAdmin cm) {
        this.cm = cm;
    }

    @Override
    public Map<ConfigKey, Applied> all() throws IOException {
        Map<ConfigKey, Applied> out = new HashMap<>();
        Configuration[] configs;
        try {
            configs = cm.listConfigurations(null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (configs == null) {
            return out;
        }
        for (Configuration c : configs) {
            Dictionary<String, Object> d = c.getProperties();
            if (d == null) {
                continue;
            }
            ConfigKey key = keyOf(c);
            Map<String, Object> props = new HashMap<>();
            for (String k : Collections.list(d.keys())) {
                props.put(k, d.get(k));
            }
            props.keySet().removeIf(BOOKKEEPING::contains);
            out.put(key, Applied.of(key, props));
        }
        return out;
    }

    @Override
    public void put(ConfigKey key, Map<String, Object> properties) throws IOException {
        Configuration c = key.isFactory() ? cm.getFactoryConfiguration(key.factoryPid(), key.name(), "?")
                : cm.getConfiguration(key.name(), "?");
        Dictionary<String, Object> held = c.getProperties();
        if (held != null && sameText(held, properties)) {
            return;
        }
        c.updateIfDifferent(new Hashtable<>(properties));
    }

    /**
     * Whether {@code held} says what {@code next} says, value by value as text: a .cfg first applied as strings and
     * applied again typed once its metatype arrives is not rewritten, so its component is not restarted for nothing
     * (Declarative Services converts either form to the same typed values).
     */
    static boolean sameText(Dictionary<String, Object> held, Map<String, Object> next) {
        Map<String, Object> before = new HashMap<>();
        for (String k : Collections.list(held.keys())) {
            if (!BOOKKEEPING.contains(k)) {
                before.put(k, held.get(k));
            }
        }
        if (!before.keySet().equals(next.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : next.entrySet()) {
            if (!text(e.getValue()).equals(text(before.get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static Object text(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                items.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
            }
            return items;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return String.valueOf(value);
    }

    @Override
    public void delete(ConfigKey key) throws IOException {
        String pid = key.isFactory() ? key.factoryPid() + "~" + key.name() : key.name();
        Configuration[] configs;
        try {
            configs = cm.listConfigurations("(service.pid=" + escape(pid) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IOException("cannot look up " + pid + ": " + e.getMessage(), e);
        }
        if (configs != null) {
            for (Configuration c : configs) {
                c.delete();
            }
        }
    }

    private static ConfigKey keyOf(Configuration c) {
        String factory = c.getFactoryPid();
        if (factory == null) {
            return ConfigKey.pid(c.getPid());
        }
        String pid = c.getPid();
        return ConfigKey.factory(factory, pid.startsWith(factory + "~") ? pid.substring(factory.length() + 1) : pid);
    }

    private static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch == '\\' || ch == '(' || ch == ')' || ch == '*') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }
}
