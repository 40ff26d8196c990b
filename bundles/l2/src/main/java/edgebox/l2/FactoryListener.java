package edgebox.l2;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;

import edgebox.api.config.FlatProperties;
import edgebox.l2.plan.ParsedConfigs;

/**
 * Config Admin's side of one of the announcer's factory PIDs: each configuration it delivers or deletes goes to a
 * {@link ParsedConfigs} (which parses it there and then), and {@code changed} runs after.
 */
final class FactoryListener implements ManagedServiceFactory, AutoCloseable {

    private final String factoryPid;
    private final ParsedConfigs<?> configs;
    private final Runnable changed;
    private final ServiceRegistration<?> registration;

    FactoryListener(BundleContext context, String factoryPid, ParsedConfigs<?> configs, Runnable changed) {
        this.factoryPid = factoryPid;
        this.configs = configs;
        this.changed = changed;
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(Constants.SERVICE_PID, factoryPid);
        registration = context.registerService(ManagedServiceFactory.class, this, p);
    }

    @Override
    public String getName() {
        return "edgebox l2 " + factoryPid;
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        configs.update(pid, FlatProperties.own(FlatProperties.of(properties)));
        changed.run();
    }

    @Override
    public void deleted(String pid) {
        configs.delete(pid);
        changed.run();
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
