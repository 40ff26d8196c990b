package edgebox.acme;

import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.osgi.service.cm.ManagedServiceFactory;

/**
 * The configurations of one factory PID as Config Admin delivers them (a ManagedServiceFactory), kept as plain maps;
 * {@code changed} runs after each delivery. Configurations the config bundle writes are multi-location, so the
 * proxy's kinds (its Gateways and Secrets, TLS and Opaque) reach this feed too; they are read, never written.
 */
final class ConfigFeed implements ManagedServiceFactory, AutoCloseable {

    private final String factoryPid;
    private final Runnable changed;
    private final Map<String, Map<String, Object>> configs = new ConcurrentHashMap<>();
    private final ServiceRegistration<?> registration;

    ConfigFeed(BundleContext context, String factoryPid, Runnable changed) {
        this.factoryPid = factoryPid;
        this.changed = changed;
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_PID, factoryPid);
        registration = context.registerService(ManagedServiceFactory.class, this, p);
    }

    /** A singleton PID's properties, delivered to {@code onUpdate} (an empty map when absent). */
    static ServiceRegistration<?> singleton(BundleContext context, String pid,
            java.util.function.Consumer<Map<String, Object>> onUpdate) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_PID, pid);
        ManagedService ms = properties -> onUpdate.accept(properties == null ? Map.of() : map(properties));
        return context.registerService(ManagedService.class, ms, p);
    }

    Map<String, Map<String, Object>> snapshot() {
        return Map.copyOf(configs);
    }

    @Override
    public String getName() {
        return "edgebox acme reader of " + factoryPid;
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        configs.put(pid, map(properties));
        changed.run();
    }

    @Override
    public void deleted(String pid) {
        configs.remove(pid);
        changed.run();
    }

    /** The properties without the framework's own ({@code service.*}, {@code felix.*}, {@code component.*}). */
    static Map<String, Object> map(Dictionary<String, ?> properties) {
        Map<String, Object> m = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            if (!(key.startsWith("service.") || key.startsWith("felix.") || key.startsWith("component."))) {
                m.put(key, properties.get(key));
            }
        }
        return m;
    }

    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

}
