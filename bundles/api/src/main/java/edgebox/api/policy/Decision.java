package edgebox.api.policy;

/**
 * What a data path does with a new connection or flow: let it through, refuse it, or let it through and ask
 * {@link PolicyDecisionPoint#request} for each HTTP request on it (L7 rules select it).
 */
public enum Decision {
    ALLOW,
    DENY,
    REQUESTS;

    public boolean admits() {
        return this != DENY;
    }
}
