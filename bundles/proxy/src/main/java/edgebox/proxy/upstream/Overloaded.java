package edgebox.proxy.upstream;

/**
 * Why {@link LoopPool#acquire} gave no connection to an endpoint at its connection cap: its wait queue was full, or
 * the wait outlasted the pending timeout. Shared instances without a stack trace, so an overload allocates nothing.
 */
public final class Overloaded extends Exception {

    private static final long serialVersionUID = 1L;

    static final Overloaded QUEUE_FULL = new Overloaded("queue-full",
            "endpoint at its connection cap and its wait queue full");
    static final Overloaded QUEUE_TIMEOUT = new Overloaded("queue-timeout",
            "endpoint at its connection cap for the whole pending timeout");

    private final String reason;

    private Overloaded(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The metric label: {@code queue-full} or {@code queue-timeout}. */
    public String reason() {
        return reason;
    }
}
