package edgebox.lb.health;

import java.time.Instant;

/**
 * One target's running count: UNKNOWN until {@code rise} passes or {@code fall} failures in a row decide it, then
 * UP or DOWN until the opposite streak reaches its threshold. Mutable; only the checker's lock touches it.
 */
final class TargetState {

    private final HealthTarget target;
    private HealthState state = HealthState.UNKNOWN;
    private Instant since;
    private String detail = "not checked yet";
    private long checks;
    private int passed;
    private int failed;

    TargetState(HealthTarget target, Instant now) {
        this.target = target;
        this.since = now;
    }

    /**
     * Counts one check's outcome, {@code error} null when it passed; returns the state it left, or null when the
     * state stays.
     */
    HealthState record(String error, Instant now) {
        checks++;
        HealthState next = state;
        if (error == null) {
            failed = 0;
            passed++;
            detail = "";
            if (state != HealthState.UP && passed >= target.spec().rise()) {
                next = HealthState.UP;
            }
        } else {
            passed = 0;
            failed++;
            detail = error;
            if (state != HealthState.DOWN && failed >= target.spec().fall()) {
                next = HealthState.DOWN;
            }
        }
        if (next == state) {
            return null;
        }
        HealthState was = state;
        state = next;
        since = now;
        return was;
    }

    TargetHealth snapshot() {
        return new TargetHealth(target, state, since, detail, checks);
    }
}
