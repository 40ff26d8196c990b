package edgebox.system;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.health.Health;
import edgebox.api.health.HealthCheck;

/**
 * The system's entry in {@code edgebox:status}: the booted slot and its trial, DEGRADED with the latest failure.
 * Never STARTING or DOWN: a trial is marked good only once the box is ready, which this entry is part of.
 */
@Component(service = HealthCheck.class)
public final class SystemHealth implements HealthCheck {

    private final SystemView system;

    @Activate
    public SystemHealth(@Reference SystemView system) {
        this.system = system;
    }

    @Override
    public String function() {
        return "system";
    }

    @Override
    public Health health() {
        String error = system.lastError();
        return error == null ? Health.up(system.trial()) : Health.degraded(system.trial(), error);
    }
}
