package edgebox.proxy.control;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.objects.ObjectSource;
import edgebox.api.route.RouteTable;
import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;

/**
 * The proxy's controller: follows the objects snapshot, compiles each into a proxy snapshot (on its own thread)
 * and hands it out as {@link SnapshotSource}; registers the {@link RouteTable} and raises its version on every
 * change of hostnames.
 */
@Component(service = SnapshotSource.class, immediate = true)
public class CompilerComponent implements SnapshotSource {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            r -> new Thread(r, "edgebox-proxy-compiler"));
    private final RouteTableService routeTable = new RouteTableService();
    private final ServiceRegistration<RouteTable> registration;
    private final SnapshotPublisher publisher;
    private final AutoCloseable subscription;

    @Activate
    public CompilerComponent(BundleContext context, @Reference ObjectSource objects) throws Exception {
        registration = context.registerService(RouteTable.class, routeTable, properties(0));
        publisher = new SnapshotPublisher(thread, c -> {
            long v = routeTable.update(c.hostnames());
            if (v >= 0) {
                registration.setProperties(properties(v));
            }
        });
        publisher.offer(objects.current());
        thread.submit(() -> { }).get();
        subscription = objects.subscribe(publisher::offer);
    }

    @Deactivate
    void deactivate() throws Exception {
        subscription.close();
        thread.shutdownNow();
        registration.unregister();
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
}
