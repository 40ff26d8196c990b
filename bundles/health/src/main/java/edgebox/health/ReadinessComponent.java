package edgebox.health;

import java.time.Instant;

import edgebox.health.metrics.RuntimeMetrics;
import edgebox.health.readiness.ReadinessReport;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Watches the framework and every {@code HealthCheck}, computes readiness and registers the {@code edgebox.ready}
 * condition while the box is ready. Also publishes the runtime metrics.
 */
@Component(immediate = true, service = HealthState.class)
public final class ReadinessComponent implements HealthState {

    private static final String OWNER = "edgebox.health (runtime)";

    private final FrameworkProbe probe;
    private final ReadinessMonitor monitor;
    private final MetricsHub hub;
    private final RuntimeMetrics runtimeMetrics;

    @Activate
    public ReadinessComponent(BundleContext context, @Reference ServiceComponentRuntime scr,
            @Reference MetricsHub hub) {
        this.hub = hub;
        this.probe = new FrameworkProbe(context, scr);
        this.monitor = new ReadinessMonitor(context, probe);
        long started = ProcessHandle.current().info().startInstant().orElse(Instant.now()).toEpochMilli();
        this.runtimeMetrics = new RuntimeMetrics(monitor::current, () -> System.currentTimeMillis() - started);
        hub.store().register(OWNER, runtimeMetrics);
        monitor.start();
    }

    @Deactivate
    void deactivate() {
        monitor.close();
        hub.store().unregister(OWNER, runtimeMetrics);
    }

    @Override
    public ReadinessReport report() {
        return monitor.current();
    }
}
