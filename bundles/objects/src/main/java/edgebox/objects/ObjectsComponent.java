package edgebox.objects;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import edgebox.api.config.ConfigValidator;
import edgebox.api.config.FlatProperties;
import edgebox.api.config.ManifestHandler;
import edgebox.api.objects.ObjectSnapshot;
import edgebox.api.objects.ObjectSnapshot.GatewaySettings;
import edgebox.api.objects.ObjectSource;
import edgebox.objects.manifest.Kinds;
import edgebox.objects.manifest.ObjectManifests;
import edgebox.objects.store.AllocationFile;
import edgebox.objects.store.ObjectStore;

/**
 * The objects bundle's OSGi edge: receives every configuration of the shared kinds (one ManagedServiceFactory per
 * kind), hands them to the {@link ObjectStore}, and registers the {@link ObjectSource} once the configurations
 * Config Admin held at start are in; also registers the kinds' manifest handler and validator.
 */
@Component(immediate = true, service = ObjectsView.class, configurationPid = Kinds.SETTINGS_PID)
@Designate(ocd = ObjectsConfig.class)
public final class ObjectsComponent implements ObjectsView {

    private static final System.Logger LOG = System.getLogger("edgebox.objects");
    private static final long DEBOUNCE_MILLIS = 5;
    /** How long the first snapshot waits for the configurations Config Admin already holds. */
    private static final long INITIAL_SYNC_MILLIS = 3000;

    private final BundleContext context;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "edgebox-objects"));
    private final ObjectStore store;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private volatile ServiceRegistration<ObjectSource> source;

    @Activate
    public ObjectsComponent(BundleContext context, ObjectsConfig config, @Reference ConfigurationAdmin admin)
            throws IOException, InvalidSyntaxException {
        this.context = context;
        String home = context.getProperty("edgebox.home");
        Path data = Path.of(home == null ? "." : home, "data", "objects");
        store = new ObjectStore(thread, DEBOUNCE_MILLIS, settings(config),
                new AllocationFile(data.resolve("lb-ipam.properties")));
        Dictionary<String, Object> checks = new Hashtable<>(Map.of(ConfigValidator.PIDS, ObjectManifests.pids()));
        registrations.add(context.registerService(new String[] {ManifestHandler.class.getName(),
            ConfigValidator.class.getName()}, new ObjectManifests(), checks));
        for (String factoryPid : Kinds.PIDS.values()) {
            registrations.add(context.registerService(ManagedServiceFactory.class, feed(factoryPid),
                    new Hashtable<>(Map.of(Constants.SERVICE_PID, factoryPid))));
        }
        store.start(held(admin), INITIAL_SYNC_MILLIS, this::publish);
        LOG.log(Level.INFO, "objects: Gateways of class " + String.join(",", config.gatewayClassNames())
                + ", default address " + config.defaultAddress());
    }

    @Modified
    void modified(ObjectsConfig config) {
        store.settings(settings(config));
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        ServiceRegistration<ObjectSource> s = source;
        if (s != null) {
            unregister(s);
        }
        registrations.forEach(ObjectsComponent::unregister);
    }

    @Override
    public ObjectSnapshot current() {
        return store.current();
    }

    @Override
    public Map<String, List<edgebox.api.config.ConfigProblem>> refusals() {
        return store.refusals();
    }

    @Override
    public boolean ready() {
        return store.ready();
    }

    /** On the store's thread, after the first complete snapshot: from now on functions may read. */
    private void publish() {
        ObjectSource service = new ObjectSource() {
            @Override
            public ObjectSnapshot current() {
                return store.current();
            }

            @Override
            public AutoCloseable subscribe(Consumer<ObjectSnapshot> subscriber) {
                return store.subscribe(subscriber);
            }
        };
        ServiceRegistration<ObjectSource> r = context.registerService(ObjectSource.class, service,
                version(store.current().version()));
        source = r;
        store.subscribe(s -> r.setProperties(version(s.version())));
    }

    private ManagedServiceFactory feed(String factoryPid) {
        return new ManagedServiceFactory() {
            @Override
            public String getName() {
                return "edgebox objects " + factoryPid;
            }

            @Override
            public void updated(String pid, Dictionary<String, ?> properties) {
                store.put(factoryPid, pid, FlatProperties.of(properties));
            }

            @Override
            public void deleted(String pid) {
                store.remove(pid);
            }
        };
    }

    /** The PIDs of every configuration of the shared kinds that Config Admin holds now. */
    private static Set<String> held(ConfigurationAdmin admin) throws IOException, InvalidSyntaxException {
        StringBuilder filter = new StringBuilder("(|");
        for (String factoryPid : Kinds.PIDS.values()) {
            filter.append("(service.factoryPid=").append(factoryPid).append(')');
        }
        Configuration[] held = admin.listConfigurations(filter.append(')').toString());
        Set<String> pids = new HashSet<>();
        if (held != null) {
            for (Configuration c : held) {
                pids.add(c.getPid());
            }
        }
        return pids;
    }

    private static GatewaySettings settings(ObjectsConfig c) {
        return new GatewaySettings(Set.of(c.gatewayClassNames()), c.defaultAddress().strip());
    }

    private static Dictionary<String, Object> version(long v) {
        return new Hashtable<>(Map.of(ObjectSource.VERSION, v));
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }
}
