package edgebox.l2;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.l2.run.VipStatus;

/** The announcer's entry in {@code edgebox:status}: UP, or DEGRADED with the latest problem. */
@Component(service = HealthCheck.class)
public final class L2Health implements HealthCheck {

    private final L2View view;

    @Activate
    public L2Health(@Reference L2View view) {
        this.view = view;
    }

    @Override
    public String function() {
        return "l2";
    }

    @Override
    public Health health() {
        List<VipStatus> all = view.vips();
        long owned = all.stream().filter(v -> v.state().equals("owned") || v.state().equals("master")).count();
        long backup = all.stream().filter(v -> v.state().equals("backup")).count();
        String detail = owned + " VIPs owned, " + backup + " standing by, " + all.size() + " configured, "
                + view.routers().size() + " VRRP routers";
        List<String> problems = view.problems();
        return problems.isEmpty() ? Health.up(detail) : Health.degraded(detail, problems.get(problems.size() - 1));
    }
}
