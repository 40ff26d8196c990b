package edgebox.health.console;

import edgebox.api.net.Transport;
import edgebox.health.HealthState;
import edgebox.health.readiness.ReadinessReport;
import edgebox.health.readiness.StatusText;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code edgebox:status} and {@code edgebox:version}. Formats what readiness computed; decides nothing. */
@Component(service = EdgeboxCommands.class, property = {
        "osgi.command.scope=edgebox",
        "osgi.command.function=status",
        "osgi.command.function=version" })
public final class EdgeboxCommands {

    private final HealthState state;
    private final BundleContext context;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Transport transport;

    @Activate
    public EdgeboxCommands(@Reference HealthState state, BundleContext context) {
        this.state = state;
        this.context = context;
    }

    public String status() {
        ReadinessReport report = state.report();
        return report == null ? "readiness not computed yet\nready: no\n" : StatusText.format(report);
    }

    public String version() {
        Transport t = transport;
        return "edgebox    " + context.getBundle().getVersion() + "\n"
                + "felix      " + context.getBundle(0).getVersion() + "\n"
                + "java       " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")\n"
                + "transport  " + (t == null ? "none" : t.name()) + "\n";
    }
}
