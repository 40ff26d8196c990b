package edgebox.api.policy;

/**
 * What a data path does with a new connection or flow: let it through, refuse it, or let it through and ask for
 * each request on it, {@link PolicyDecisionPoint#request} (HTTP) or {@link PolicyDecisionPoint#query} (DNS), since
 * L7 rules apply.
 */
public enum Decision {
    ALLOW,
    DENY,
    REQUESTS;

    public boolean admits() {
        return this != DENY;
    }
}
