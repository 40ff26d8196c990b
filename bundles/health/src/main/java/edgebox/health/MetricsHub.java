package edgebox.health;

import edgebox.health.metrics.MetricsStore;
import org.osgi.service.component.annotations.Component;

/** Inside this bundle only: holds the box's one {@link MetricsStore} for the components that share it. */
@Component(service = MetricsHub.class)
public final class MetricsHub {

    private final MetricsStore store = new MetricsStore();

    public MetricsStore store() {
        return store;
    }
}
