package edgebox.lb.path;

import java.util.function.Supplier;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.lb.frame.FlowKey;

/**
 * Asks the policy decision point, when one is registered, whether a new flow may reach the backend Maglev picked
 * for it: function {@code lb}, the client's address, the backend's address, the flow's protocol and the service
 * port (direct server return keeps it, so it is the backend's port too). Only {@link Decision#ALLOW} admits:
 * the load balancer never sees HTTP (the backend answers the client itself), so a flow for which L7 rules apply
 * ({@link Decision#REQUESTS}) is refused, failing closed. Allocates nothing.
 */
final class FlowPolicy {

    static final String FUNCTION = "lb";

    private final Supplier<PolicyDecisionPoint> decisionPoint;

    /** {@code decisionPoint} gives the registered decision point, or null when there is none: all is admitted. */
    FlowPolicy(Supplier<PolicyDecisionPoint> decisionPoint) {
        this.decisionPoint = decisionPoint;
    }

    /**
     * Null when the flow from {@code flow}'s client to the backend at {@code backendHigh}, {@code backendLow} is
     * admitted; else why it is not: {@link Drop#POLICY_DENIED}, or {@link Drop#POLICY_FAILED} when the decision
     * point threw (refused too).
     */
    Drop ask(FlowKey flow, long backendHigh, long backendLow) {
        PolicyDecisionPoint pdp = decisionPoint.get();
        if (pdp == null) {
            return null;
        }
        Decision decision;
        try {
            decision = flow.ipVersion() == 4
                    ? pdp.connection4(FUNCTION, flow.src4(), (int) backendLow, flow.protocol(), flow.dstPort())
                    : pdp.connection6(FUNCTION, flow.srcHigh(), flow.srcLow(), backendHigh, backendLow,
                            flow.protocol(), flow.dstPort());
        } catch (RuntimeException e) {
            return Drop.POLICY_FAILED;
        }
        return decision == Decision.ALLOW ? null : Drop.POLICY_DENIED;
    }
}
