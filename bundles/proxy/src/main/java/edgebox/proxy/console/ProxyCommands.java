package edgebox.proxy.console;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.proxy.route.ProxySnapshot;
import edgebox.proxy.route.SnapshotSource;

/**
 * Gogo commands {@code proxy:gateways} and {@code proxy:routes [NAME]} (routes and BackendTLSPolicies): the compiled
 * status, formatted.
 */
@Component(service = ProxyCommands.class, property = {"osgi.command.scope=proxy",
    "osgi.command.function=gateways", "osgi.command.function=routes"})
public class ProxyCommands {

    private final SnapshotSource snapshots;

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
}
