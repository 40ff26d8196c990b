package edgebox.features.health;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.features.Features;

/** The {@code features} entry of {@code edgebox:status}: the installed features, DEGRADED with the last failure. */
@Component(service = HealthCheck.class)
public final class FeaturesHealth implements HealthCheck {

    private final Features features;

    @Activate
    public FeaturesHealth(@Reference Features features) {
        this.features = features;
    }

    @Override
    public String function() {
        return "features";
    }

    @Override
    public Health health() {
        String detail = "installed: " + String.join(", ", features.installed());
        if (!features.booted()) {
            return Health.starting("installing boot features; " + detail);
        }
        Map<String, String> problems = features.problems();
        if (!problems.isEmpty()) {
            String last = problems.values().stream().reduce((first, second) -> second).orElseThrow();
            return Health.degraded(detail + "; " + problems.size() + " features with failures", last);
        }
        return Health.up(detail);
    }
}
