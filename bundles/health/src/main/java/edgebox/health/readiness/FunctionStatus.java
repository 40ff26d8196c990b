package edgebox.health.readiness;

import edgebox.api.health.Health;

/** What one {@code HealthCheck} reported, and the bundle that registered it. */
public record FunctionStatus(String function, String bundle, Health health) {
}
