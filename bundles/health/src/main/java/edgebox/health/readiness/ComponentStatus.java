package edgebox.health.readiness;

/**
 * One configuration of an enabled DS component.
 *
 * @param detail the activation failure, or the unsatisfied references; empty when none
 */
public record ComponentStatus(String name, String bundle, long id, State state, String detail) {

    /**
     * The states of {@code ComponentConfigurationDTO}, and CONFIGURING: Config Admin holds a configuration that has
     * not reached the component yet.
     */
    public enum State { UNSATISFIED_CONFIGURATION, UNSATISFIED_REFERENCE, SATISFIED, ACTIVE, FAILED_ACTIVATION, CONFIGURING }

    public ComponentStatus {
        detail = detail == null ? "" : detail;
    }

    /**
     * ACTIVE or SATISFIED (a delayed component nobody uses yet). A component waiting for a required configuration
     * is ready too: nothing asked it to run.
     */
    public boolean ready() {
        return state == State.ACTIVE || state == State.SATISFIED || state == State.UNSATISFIED_CONFIGURATION;
    }

    public String reason() {
        return detail.isEmpty() ? state.name() : state + ": " + detail;
    }
}
