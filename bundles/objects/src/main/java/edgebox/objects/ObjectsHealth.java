package edgebox.objects;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.config.ConfigProblem;
import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.api.objects.ObjectSnapshot;

/** The store's entry in {@code edgebox:status}: STARTING until complete, DEGRADED while something is refused. */
@Component(service = HealthCheck.class)
public final class ObjectsHealth implements HealthCheck {

    private final ObjectsView view;

    @Activate
    public ObjectsHealth(@Reference ObjectsView view) {
        this.view = view;
    }

    @Override
    public String function() {
        return "objects";
    }

    @Override
    public Health health() {
        ObjectSnapshot s = view.current();
        String detail = s.size() + " objects, snapshot version " + s.version();
        if (!view.ready()) {
            return Health.starting("waiting for the configurations Config Admin holds");
        }
        Map<String, List<ConfigProblem>> refused = view.refusals();
        if (!refused.isEmpty()) {
            Map.Entry<String, List<ConfigProblem>> first = refused.entrySet().iterator().next();
            return Health.degraded(detail + ", " + refused.size() + " refused (the last good version stays)",
                    first.getKey() + ": " + first.getValue().get(0));
        }
        if (!s.problems().isEmpty()) {
            return Health.degraded(detail, s.problems().get(0).toString());
        }
        return Health.up(detail);
    }
}
