package edgebox.dns.answer;

import java.net.InetAddress;
import java.util.Locale;
import java.util.function.Supplier;

import org.xbill.DNS.Name;

import edgebox.api.policy.Decision;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;

/**
 * Whether the network policy lets a client put a question to the box's resolver. Per query it asks the decision
 * point for the connection, function {@value #FUNCTION}: the client to the local address and port the query
 * arrived on, over UDP or TCP; when L7 rules apply ({@link Decision#REQUESTS}) it asks again with the question's
 * name, lower case and absolute. Answers at once from the decision point's precompiled state, on the event loop.
 * With no decision point registered every question is admitted.
 */
public final class QueryPolicy {

    public static final String FUNCTION = "dns";

    /** Admits every question: no decision point is asked. */
    public static final QueryPolicy NONE = new QueryPolicy(() -> null);

    private final Supplier<PolicyDecisionPoint> decisionPoint;

    /** {@code decisionPoint} gives the registered decision point, or null when there is none. */
    public QueryPolicy(Supplier<PolicyDecisionPoint> decisionPoint) {
        this.decisionPoint = decisionPoint;
    }

    /** The decision point's word on the client reaching the resolver here; ALLOW without a decision point. */
    public Decision connection(InetAddress client, Arrival arrival) {
        PolicyDecisionPoint pdp = decisionPoint.get();
        return pdp == null ? Decision.ALLOW : pdp.connection(FUNCTION, client, arrival.local(),
                arrival.tcp() ? PolicyDecisionPoint.TCP : PolicyDecisionPoint.UDP, arrival.port());
    }

    /**
     * Null when the question is admitted, else why the policy refuses it (for the query log, never the client).
     * {@code decided}: the {@link #connection} decision when it was asked already for this query, else null.
     */
    public String refusal(InetAddress client, Arrival arrival, Name name, Decision decided) {
        PolicyDecisionPoint pdp = decisionPoint.get();
        if (pdp == null) {
            return null;
        }
        int protocol = arrival.tcp() ? PolicyDecisionPoint.TCP : PolicyDecisionPoint.UDP;
        Decision d = decided != null ? decided : connection(client, arrival);
        return switch (d) {
            case ALLOW -> null;
            case DENY -> "network policy denies " + client.getHostAddress() + " the resolver at "
                    + arrival.local().getHostAddress() + " port " + arrival.port() + (arrival.tcp() ? "/TCP" : "/UDP");
            case REQUESTS -> {
                Verdict v = pdp.query(FUNCTION, client, arrival.local(), protocol, arrival.port(),
                        name.toString().toLowerCase(Locale.ROOT));
                yield v.allowed() ? null : "network policy denies the name" + (v.rule().isEmpty() ? "" : ": "
                        + v.rule());
            }
        };
    }
}
