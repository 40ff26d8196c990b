package edgebox.net.health;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.metrics.MetricsRegistry;
import edgebox.api.net.Transport;
import io.netty.util.concurrent.EventExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code net} entry in {@code edgebox:status}: the transport and its thread count; DOWN once the group shuts
 * down. Also the gauge {@code edgebox_net_event_loops{transport="..."}}.
 */
@Component(service = HealthCheck.class)
public final class NetHealth implements HealthCheck {

    private final Transport transport;
    private final int threads;

    @Activate
    public NetHealth(@Reference Transport transport, @Reference MetricsRegistry metrics) {
        this.transport = transport;
        int n = 0;
        for (EventExecutor ignored : transport.group()) {
            n++;
        }
        this.threads = n;
        metrics.gauge("edgebox_net_event_loops", "Event loop threads of the box's netty transport", "transport")
                .labels(transport.name()).set(threads);
    }

    @Override
    public String function() {
        return "net";
    }

    @Override
    public Health health() {
        String detail = transport.name() + ", " + threads + " event loop threads";
        if (transport.group().isShuttingDown()) {
            return Health.down(detail, "event loop group is shutting down");
        }
        return Health.up(detail);
    }
}
