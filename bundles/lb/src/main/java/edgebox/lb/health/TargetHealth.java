package edgebox.lb.health;

import java.time.Instant;

/**
 * One target's health as published: its state, since when, the last failure's text (empty after a passed check),
 * and how many checks ran.
 */
public record TargetHealth(HealthTarget target, HealthState state, Instant since, String detail, long checks) {
}
