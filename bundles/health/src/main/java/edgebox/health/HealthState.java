package edgebox.health;

import edgebox.health.readiness.ReadinessReport;

/** Inside this bundle only: the latest readiness verdict, for the endpoint and the console. */
public interface HealthState {

    /** The latest report, or {@code null} before the first one is computed. */
    ReadinessReport report();
}
