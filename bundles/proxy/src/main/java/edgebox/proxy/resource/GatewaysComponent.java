package edgebox.proxy.resource;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import edgebox.api.route.RouteTable;
import edgebox.proxy.route.Compiler;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;

/**
 * The compiler: collects the resources of the per-kind components, compiles a snapshot (debounced) and hands it
 * out as {@link SnapshotSource}; registers the {@link RouteTable} and raises its version on every change.
 */
@Component(service = {SnapshotSource.class, ResourceStore.class}, configurationPid = GatewaysComponent.PID,
        immediate = true)
@Designate(ocd = GatewaysComponent.Config.class)
public class GatewaysComponent implements SnapshotSource, ResourceStore {

    static final String PID = "edgebox.proxy.gateways";
    private static final System.Logger LOG = System.getLogger(GatewaysComponent.class.getName());
    private static final long DEBOUNCE_MILLIS = 5;

    @ObjectClassDefinition(name = "edgebox proxy gateways", description = "Which Gateways the proxy serves")
    public @interface Config {

        @AttributeDefinition(description = "Address a Gateway without spec.addresses binds on")
        String defaultAddress() default "127.0.0.1";

        @AttributeDefinition(description = "GatewayClass names served by this box")
        String[] gatewayClassNames() default {"edgebox"};
    }

    private final ScheduledExecutorService thread;
    private final SnapshotPublisher publisher;
    private final RouteTableService routeTable = new RouteTableService();
    private final ServiceRegistration<RouteTable> registration;

    /** How long a starting proxy waits for the configurations Config Admin already holds before serving. */
    private static final long INITIAL_SYNC_MILLIS = 3000;

    @Activate
    public GatewaysComponent(BundleContext context, Config config, @Reference ConfigurationAdmin admin)
            throws Exception {
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "edgebox-proxy-compiler"));
        registration = context.registerService(RouteTable.class, routeTable, properties(0));
        Consumer<Compiler.Compilation> onCompiled = c -> {
            long v = routeTable.update(c.hostnames());
            if (v >= 0) {
                registration.setProperties(properties(v));
            }
        };
        publisher = new SnapshotPublisher(thread, DEBOUNCE_MILLIS, settings(config), onCompiled);
        publisher.awaitInitial(heldConfigurations(admin), INITIAL_SYNC_MILLIS);
        publisher.compileNow(2000);
        LOG.log(Level.INFO, "proxy: gateways of class " + String.join(",", config.gatewayClassNames())
                + ", default address " + config.defaultAddress());
    }

    @Modified
    void modified(Config config) {
        publisher.settings(settings(config));
    }

    @Deactivate
    void deactivate() {
        thread.shutdownNow();
        registration.unregister();
    }

    /** The PIDs of every configuration of the proxy's kinds that Config Admin holds now. */
    static Set<String> heldConfigurations(ConfigurationAdmin admin) throws IOException, InvalidSyntaxException {
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

    private static Compiler.Settings settings(Config c) {
        return new Compiler.Settings(c.defaultAddress(), Set.of(c.gatewayClassNames()));
    }

    private static Dictionary<String, Object> properties(long version) {
        Dictionary<String, Object> d = new Hashtable<>();
        d.put(RouteTable.VERSION, version);
        return d;
    }

    @Override
    public ProxySnapshot current() {
        return publisher.current();
    }

    @Override
    public AutoCloseable subscribe(Consumer<ProxySnapshot> subscriber) {
        return publisher.subscribe(subscriber);
    }

    @Override
    public void put(String pid, edgebox.proxy.model.Resource resource) {
        publisher.put(pid, resource);
    }

    @Override
    public void remove(String pid) {
        publisher.remove(pid);
    }
}
