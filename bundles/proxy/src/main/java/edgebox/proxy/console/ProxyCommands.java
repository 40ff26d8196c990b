package edgebox.proxy.console;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import edgebox.proxy.balance.EndpointStatusSource;

import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;

/**
 * Gogo commands {@code proxy:gateways} and {@code proxy:routes [NAME]} (routes and BackendTLSPolicies: the compiled
 * status) and {@code proxy:endpoints} (the running data plane's endpoints), formatted.
 */
@Component(service = ProxyCommands.class, property = {"osgi.command.scope=proxy",
    "osgi.command.function=gateways", "osgi.command.function=routes", "osgi.command.function=endpoints"})
public class ProxyCommands {

    private final SnapshotSource snapshots;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EndpointStatusSource endpointSource;

    @Activate
    public ProxyCommands(@Reference SnapshotSource snapshots) {
        this.snapshots = snapshots;
    }

    public String gateways() {
        ProxySnapshot s = snapshots.current();
        return StatusFormat.gateways(s.version(), s.status());
    }

    public String routes() {
        return routes("");
    }

    public String routes(String name) {
        return StatusFormat.routes(snapshots.current().status(), name);
    }

    public String endpoints() {
        EndpointStatusSource source = endpointSource;
        return source == null ? "the proxy's data plane is not running\n" : StatusFormat.endpoints(source.endpoints());
    }
}
