package edgebox.health;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.health.readiness.ConfigDelivery;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What Config Admin holds, for readiness to check that each configuration has reached its component. Config Admin
 * is optional: without it nothing is held.
 */
final class HeldConfigurations {

    private final ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker;

    HeldConfigurations(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, ConfigurationAdmin.class, null);
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    /** Why {@code c} does not run on what Config Admin holds for it yet; {@code null} when it does. */
    static String pending(ComponentDescriptionDTO d, ComponentConfigurationDTO c,
            Map<String, Map<String, Object>> held, Set<String> reached) {
        Set<String> pids = new HashSet<>(stringsOf(c.properties.get(Constants.SERVICE_PID)));
        for (String p : d.configurationPid) {
            if (held.containsKey(p)) {
                pids.add(p);
            }
        }
        for (String pid : pids) {
            Map<String, Object> h = held.get(pid);
            if (h == null) {
                continue;
            }
            reached.add(pid);
            String property = ConfigDelivery.firstPending(h, c.properties);
            if (property != null) {
                return "configuration " + pid + " not yet applied (" + property + ")";
            }
        }
        return null;
    }

    /** Every configuration Config Admin holds, by PID; empty without Config Admin. */
    Map<String, Map<String, Object>> snapshot() {
        ConfigurationAdmin cm = tracker.getService();
        Map<String, Map<String, Object>> out = new HashMap<>();
        if (cm == null) {
            return out;
        }
        try {
            Configuration[] all = cm.listConfigurations(null);
            if (all != null) {
                for (Configuration c : all) {
                    Dictionary<String, Object> props = c.getProperties();
                    if (props == null) {
                        continue;
                    }
                    Map<String, Object> map = new HashMap<>();
                    for (String key : Collections.list(props.keys())) {
                        map.put(key, props.get(key));
                    }
                    out.put(c.getPid(), map);
                }
            }
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return out;
        }
        return out;
    }

    private static List<String> stringsOf(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof String[] many) {
            return List.of(many);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
