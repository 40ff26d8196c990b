package edgebox.lb.health;

/** A target's health: not yet decided, or decided by its rise and fall thresholds. */
public enum HealthState {
    /** No decision yet; counts as healthy, so a new backend serves at once. */
    UNKNOWN,
    UP,
    DOWN;

    public boolean healthy() {
        return this != DOWN;
    }
}
