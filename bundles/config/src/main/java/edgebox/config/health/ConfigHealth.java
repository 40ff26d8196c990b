package edgebox.config.health;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;
import edgebox.config.apply.ConfigControl;

/** The config bundle's entry in edgebox:status: UP, or DEGRADED while a file is refused (with the reason). */
@Component(service = HealthCheck.class)
public class ConfigHealth implements HealthCheck {

    @Reference
    private ConfigControl control;

    @Override
    public String function() {
        return "config";
    }

    @Override
    public Health health() {
        return of(control.summary());
    }

    static Health of(ConfigControl.Summary s) {
        String detail = s.configurations() + " configurations from " + s.files() + " files"
                + (s.waitingFiles() > 0 ? ", " + s.waitingFiles() + " waiting for a function to be installed" : "");
        if (!s.loaded()) {
            return Health.starting("reading etc/");
        }
        if (s.refusedFiles() > 0) {
            return Health.degraded(detail + ", " + s.refusedFiles() + " refused (last good state kept)",
                    s.lastRefusal());
        }
        return Health.up(detail);
    }
}
