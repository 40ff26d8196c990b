package edgebox.health.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;

/**
 * Asks the policy decision point, when one is registered, about the health endpoint's clients (function
 * {@code metrics}): each connection with the address and port it arrived on, and each request on a connection whose
 * decision wants requests asked. Refusals are counted through the hooks and logged at most ten lines a minute,
 * naming client and function (and the rule, which the client is never told). Called on event loops; the decision
 * point answers from precompiled state.
 */
public final class PolicyCheck {

    public static final String FUNCTION = "metrics";

    private static final System.Logger LOG = System.getLogger("edgebox.health");

    private final Supplier<PolicyDecisionPoint> policy;
    private final Runnable refusedConnection;
    private final Runnable refusedRequest;
    private final RateLimitedLog log;

    public PolicyCheck(Supplier<PolicyDecisionPoint> policy, Runnable refusedConnection, Runnable refusedRequest) {
        this(policy, refusedConnection, refusedRequest,
                new RateLimitedLog(10, System::nanoTime, line -> LOG.log(System.Logger.Level.INFO, line)));
    }

    PolicyCheck(Supplier<PolicyDecisionPoint> policy, Runnable refusedConnection, Runnable refusedRequest,
            RateLimitedLog log) {
        this.policy = policy;
        this.refusedConnection = refusedConnection;
        this.refusedRequest = refusedRequest;
        this.log = log;
    }

    /**
     * ALLOW when no decision point is registered; a DENY (also for a connection without IP addresses, which cannot be
     * asked about) is counted and logged here.
     */
    public Decision connection(SocketAddress client, SocketAddress local) {
        PolicyDecisionPoint pdp = policy.get();
        if (pdp == null) {
            return Decision.ALLOW;
        }
        Decision d = client instanceof InetSocketAddress from && local instanceof InetSocketAddress to
                ? pdp.connection(FUNCTION, from.getAddress(), to.getAddress(), PolicyDecisionPoint.TCP, to.getPort())
                : Decision.DENY;
        if (d == Decision.DENY) {
            refusedConnection.run();
            log.log(() -> "edgebox.health: policy denies " + describe(client) + " reaching " + describe(local)
                    + " (function metrics): connection closed");
        }
        return d;
    }

    /** True when no decision point is registered or it allows the request; a denial is counted and logged here. */
    public boolean request(SocketAddress client, SocketAddress local, String method, String path,
            Map<String, List<String>> headers) {
        PolicyDecisionPoint pdp = policy.get();
        if (pdp == null) {
            return true;
        }
        Verdict v = client instanceof InetSocketAddress from && local instanceof InetSocketAddress to
                ? pdp.request(new HttpRequestInfo(FUNCTION, from.getAddress(), to.getAddress(), to.getPort(), method,
                        path, headers))
                : Verdict.deny("");
        if (!v.allowed()) {
            refusedRequest.run();
            log.log(() -> "edgebox.health: policy denies " + method + " " + path + " from " + describe(client)
                    + " to " + describe(local) + " (function metrics" + (v.rule().isEmpty() ? "" : ", " + v.rule())
                    + "): 403");
        }
        return v.allowed();
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
