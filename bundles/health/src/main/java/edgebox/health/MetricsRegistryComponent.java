package edgebox.health;

import java.util.function.DoubleSupplier;

import edgebox.api.metrics.Counter;
import edgebox.api.metrics.Gauge;
import edgebox.api.metrics.Histogram;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.health.metrics.BundleMetrics;
import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;

/**
 * The {@link MetricsRegistry} service, one instance per using bundle: what a bundle declared leaves
 * {@code /metrics} when the bundle lets go of the service (it stops, or its last component using it deactivates).
 */
@Component(service = MetricsRegistry.class, scope = ServiceScope.BUNDLE)
public final class MetricsRegistryComponent implements MetricsRegistry {

    private final MetricsHub hub;
    private final BundleMetrics view;

    @Activate
    public MetricsRegistryComponent(@Reference MetricsHub hub, ComponentContext context) {
        this.hub = hub;
        Bundle user = context.getUsingBundle();
        this.view = hub.store().view(user.getSymbolicName() + " [" + user.getBundleId() + "]");
    }

    @Deactivate
    void deactivate() {
        hub.store().release(view.owner());
    }

    @Override
    public Counter counter(String name, String help, String... labelNames) {
        return view.counter(name, help, labelNames);
    }

    @Override
    public Gauge gauge(String name, String help, String... labelNames) {
        return view.gauge(name, help, labelNames);
    }

    @Override
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return view.histogram(name, help, buckets, labelNames);
    }

    @Override
    public void gauge(String name, String help, DoubleSupplier value) {
        view.gauge(name, help, value);
    }
}
