package edgebox.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A function's entry in {@code edgebox:status}, {@code /readyz} and {@code /healthz}. Each function bundle
 * registers one. {@link #health()} is called from the console and the health endpoint: it must be quick and must
 * not block; it reports state the function already holds.
 */
@ConsumerType
public interface HealthCheck {

    /** The function's short name as the console shows it: {@code config}, {@code dns}, {@code proxy} ... */
    String function();

    Health health();
}
