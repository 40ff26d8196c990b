package edgebox.proxy.http;

/**
 * Where an {@link Exchange} stands, as far as its client can tell; kept by its {@link ExchangeAnswer}, which moves it
 * forward only: ROUTING, then FORWARDING for a Forward decision, RELAYING once an upstream's response head went
 * down, ANSWERED once a response (relayed or local) is complete, DONE once the exchange is logged and handed back.
 */
enum ExchangePhase {

    /** The head is being routed ({@link Dispatch}); nothing went downstream yet. */
    ROUTING,
    /** Attempts, retries and the backoff between them run; nothing went downstream yet. */
    FORWARDING,
    /** A response head went downstream; its body follows. */
    RELAYING,
    /** The response is complete downstream; request body parts that still arrive are dropped. */
    ANSWERED,
    /** Logged and handed back to the handler; later events change nothing. */
    DONE;

    /** True while the client has seen nothing of a response: a failure can still be answered with a status. */
    boolean beforeResponse() {
        return this == ROUTING || this == FORWARDING;
    }

    /** True once the response is complete: request body parts are no longer forwarded. */
    boolean answered() {
        return this == ANSWERED || this == DONE;
    }
}
