package edgebox.lb;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.lb.engine.EngineStatus;
import edgebox.lb.plan.LbPlan;

/**
 * The load balancer's entry in {@code edgebox:status}: UP with what it balances; DEGRADED with the latest problem
 * (a Service it cannot balance, an interface it cannot open, a route it cannot set, refused settings); DOWN when no
 * configured interface runs. With no interface configured the data path is off, which is UP unless the settings
 * that would configure one were refused.
 */
@Component(service = HealthCheck.class)
public final class LbHealth implements HealthCheck {

    private final LbView view;

    @Activate
    public LbHealth(@Reference LbView view) {
        this.view = view;
    }

    @Override
    public String function() {
        return "lb";
    }

    @Override
    public Health health() {
        LbPlan plan = view.plan();
        long backends = plan.services().stream().mapToLong(s -> s.backends().size()).sum();
        long active = plan.services().stream().mapToLong(s -> s.active().size()).sum();
        EngineStatus status = view.status();
        List<String> interfaces = view.settings().interfaces();
        // an open port has counters; its error is only the last one it met, and it keeps forwarding
        long running = status.ports().stream().filter(p -> p.stats() != null).count();
        String detail = plan.services().size() + " virtual services, " + active + " of " + backends
                + " backends taking new flows, " + running + " of " + interfaces.size() + " interfaces ("
                + view.settings().packetPath() + ")";
        if (interfaces.isEmpty()) {
            String off = detail + "; data path off: no interface configured";
            return view.refusal() == null ? Health.up(off) : Health.degraded(off, view.refusal());
        }
        List<String> problems = view.problems(status);
        if (running == 0) {
            return Health.down(detail, problems.isEmpty() ? "no interface runs" : problems.get(problems.size() - 1));
        }
        boolean empty = plan.services().stream().anyMatch(s -> s.active().isEmpty());
        if (!problems.isEmpty()) {
            return Health.degraded(detail, problems.get(problems.size() - 1));
        }
        return empty ? Health.degraded(detail, "a virtual service has no backend taking new flows") : Health.up(detail);
    }
}
