package edgebox.health.readiness;

/**
 * One configuration of an enabled DS component.
 *
 * @param detail the activation failure, or the unsatisfied references; empty when none
 */
public record ComponentStatus(String name, String bundle, long id, State state, String detail) {

    /**
     * The states of {@code ComponentConfigurationDTO}, and two passing ones: CONFIGURING, Config Admin holds a
     * configuration that has not reached the component yet; ACTIVATING, an immediate component on its way to ACTIVE
     * (or one SCR has not read yet from a started bundle).
     */
    public enum State {
        UNSATISFIED_CONFIGURATION, UNSATISFIED_REFERENCE, SATISFIED, ACTIVE, FAILED_ACTIVATION, CONFIGURING, ACTIVATING
    }

    public ComponentStatus {
        detail = detail == null ? "" : detail;
    }

    /**
     * ACTIVE or SATISFIED (a delayed component nobody uses yet; an immediate one is ACTIVATING until ACTIVE).
     * A component waiting for a required configuration is ready too: nothing asked it to run.
     */
    public boolean ready() {
        return state == State.ACTIVE || state == State.SATISFIED || state == State.UNSATISFIED_CONFIGURATION;
    }

    /** A state the component passes through on its own: not ready, but no failure either. */
    public boolean passing() {
        return state == State.CONFIGURING || state == State.ACTIVATING;
    }

    public String reason() {
        return detail.isEmpty() ? state.name() : state + ": " + detail;
    }
}
