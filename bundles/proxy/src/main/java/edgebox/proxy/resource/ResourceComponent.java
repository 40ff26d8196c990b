package edgebox.proxy.resource;

import java.lang.System.Logger.Level;
import java.util.Map;

import edgebox.proxy.model.Resource;

/** What each per-kind component does: read its properties into a resource and put it in the store. */
final class ResourceComponent {

    private static final System.Logger LOG = System.getLogger(ResourceComponent.class.getName());

    private ResourceComponent() {
    }

    /** Returns the configuration's PID; throws (refusing activation) when the properties do not parse. */
    static String publish(String factoryPid, ResourceStore store, Map<String, Object> properties) {
        String pid = String.valueOf(properties.get("service.pid"));
        try {
            Resource r = Translator.read(factoryPid, properties);
            store.put(pid, r);
            return pid;
        } catch (Translator.Refused e) {
            LOG.log(Level.ERROR, "proxy: configuration " + pid + " refused: " + e.getMessage());
            store.remove(pid);
            throw new IllegalArgumentException(pid + ": " + e.getMessage(), e);
        }
    }
}
