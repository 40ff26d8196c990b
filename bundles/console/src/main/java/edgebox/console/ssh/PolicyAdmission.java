package edgebox.console.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import edgebox.api.policy.PolicyDecisionPoint;

/**
 * Asks the policy decision point, when one is registered, whether a client may reach the SSH console on the
 * address and port its connection arrived on (function {@code console}, TCP). SSH carries no HTTP, so a decision
 * that wants requests asked admits. A refusal is counted and logged at most ten lines a minute. Called on sshd's
 * accept thread; the decision point answers from precompiled state.
 */
public final class PolicyAdmission {

    public static final String FUNCTION = "console";

    private static final System.Logger LOG = System.getLogger(PolicyAdmission.class.getName());

    private final Supplier<PolicyDecisionPoint> policy;
    private final RateLimitedLog log;
    private final AtomicLong refused = new AtomicLong();
    private volatile Runnable onRefused = () -> { };

    public PolicyAdmission(Supplier<PolicyDecisionPoint> policy) {
        this(policy, new RateLimitedLog(10, System::nanoTime, line -> LOG.log(System.Logger.Level.INFO, line)));
    }

    PolicyAdmission(Supplier<PolicyDecisionPoint> policy, RateLimitedLog log) {
        this.policy = policy;
        this.log = log;
    }

    /** Connections refused so far. */
    public long refused() {
        return refused.get();
    }

    /** Called once for each refused connection from now on; {@code null} for none. */
    public void onRefused(Runnable listener) {
        onRefused = listener == null ? () -> { } : listener;
    }

    /** True when no decision point is registered or it admits {@code client} to {@code local}. */
    public boolean admits(SocketAddress client, SocketAddress local) {
        PolicyDecisionPoint pdp = policy.get();
        if (pdp == null) {
            return true;
        }
        if (client instanceof InetSocketAddress from && local instanceof InetSocketAddress to
                && pdp.connection(FUNCTION, from.getAddress(), to.getAddress(), PolicyDecisionPoint.TCP, to.getPort())
                        .admits()) {
            return true;
        }
        refused.incrementAndGet();
        onRefused.run();
        log.log(() -> "console: policy denies " + describe(client) + " reaching ssh on " + describe(local)
                + " (function console): connection closed before the version exchange");
        return false;
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
