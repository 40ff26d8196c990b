package edgebox.policy.engine;

import java.net.InetAddress;

import edgebox.api.net.Cidr;
import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.policy.compile.Verdicts;
import edgebox.policy.identity.Identity;

/**
 * The data paths' policy service: each ask reads the compilation installed last (one volatile read), counts the
 * verdict on the deciding policy's {@link Tally} and logs denies and audited would-be denies through the
 * {@link VerdictLog}. The address-as-numbers asks allocate nothing unless a line is logged.
 */
public final class DecisionPoint implements PolicyDecisionPoint {

    private final VerdictLog log;
    private volatile CompiledPolicies current;

    public DecisionPoint(CompiledPolicies first, VerdictLog log) {
        this.current = first;
        this.log = log;
    }

    void install(CompiledPolicies next) {
        current = next;
    }

    public CompiledPolicies current() {
        return current;
    }

    @Override
    public Decision connection4(String function, int client, int destination, int protocol, int port) {
        CompiledPolicies c = current;
        Identity to = c.table().destinations().labelsOf(destination);
        int verdict = c.table().verdict(client, to, protocol, port);
        Decision d = settle(c, verdict, to);
        if (logged(verdict) && log.admits()) {
            log.write(line(c, function, verdict, to, Addresses.v4(client), Addresses.v4(destination), protocol, port,
                    ""));
        }
        return d;
    }

    @Override
    public Decision connection6(String function, long clientHigh, long clientLow, long destinationHigh,
            long destinationLow, int protocol, int port) {
        CompiledPolicies c = current;
        Identity to = c.table().destinations().labelsOf(destinationHigh, destinationLow);
        int verdict = c.table().verdict(clientHigh, clientLow, to, protocol, port);
        Decision d = settle(c, verdict, to);
        if (logged(verdict) && log.admits()) {
            log.write(line(c, function, verdict, to, Addresses.v6(clientHigh, clientLow),
                    Addresses.v6(destinationHigh, destinationLow), protocol, port, ""));
        }
        return d;
    }

    @Override
    public Decision connection(String function, InetAddress client, InetAddress destination, int protocol,
            int port) {
        CompiledPolicies c = current;
        Identity to = c.table().destinations().labelsOf(destination);
        int verdict = c.table().verdict(client, to, protocol, port);
        Decision d = settle(c, verdict, to);
        if (logged(verdict) && log.admits()) {
            log.write(line(c, function, verdict, to, client, destination, protocol, port, ""));
        }
        return d;
    }

    @Override
    public Verdict request(HttpRequestInfo r) {
        CompiledPolicies c = current;
        Identity to = c.table().destinations().labelsOf(r.destination());
        int verdict = c.table().request(r.client(), to, r.port(), r.method(), r.path(), r.headers());
        return answer(c, r.function(), verdict, to, r.client(), r.destination(), PolicyDecisionPoint.TCP, r.port(),
                " " + r.method() + " " + r.path());
    }

    @Override
    public Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port,
            String name) {
        CompiledPolicies c = current;
        Identity to = c.table().destinations().labelsOf(server);
        int verdict = c.table().query(client, to, protocol, port, name);
        return answer(c, function, verdict, to, client, server, protocol, port, " " + name);
    }

    private Verdict answer(CompiledPolicies c, String function, int verdict, Identity to, InetAddress client,
            InetAddress destination, int protocol, int port, String what) {
        Decision d = settle(c, verdict, to);
        if (logged(verdict) && log.admits()) {
            log.write(line(c, function, verdict, to, client, destination, protocol, port, what));
        }
        return d == Decision.DENY ? Verdict.deny(c.decidedBy(verdict, to)) : Verdict.ALLOW;
    }

    /** Counts the verdict and says what the data path does. */
    private static Decision settle(CompiledPolicies c, int verdict, Identity to) {
        Tally tally = c.tally(verdict, to);
        switch (Verdicts.code(verdict)) {
            case Verdicts.L7 -> {
                return Decision.REQUESTS;
            }
            case Verdicts.DENY -> {
                if (tally != null) {
                    tally.denied.increment();
                }
                return Decision.DENY;
            }
            case Verdicts.AUDIT -> {
                if (tally != null) {
                    tally.audited.increment();
                }
                return Decision.ALLOW;
            }
            default -> {
                if (tally != null) {
                    tally.allowed.increment();
                }
                return Decision.ALLOW;
            }
        }
    }

    private static boolean logged(int verdict) {
        int code = Verdicts.code(verdict);
        return code == Verdicts.DENY || code == Verdicts.AUDIT;
    }

    /** {@code policy DENY proxy 10.0.0.9 -> 10.0.1.5:80/TCP GET /admin (app=web): <policy rule>}. */
    private static String line(CompiledPolicies c, String function, int verdict, Identity to, InetAddress client,
            InetAddress destination, int protocol, int port, String what) {
        return "policy " + (Verdicts.code(verdict) == Verdicts.DENY ? "DENY " : "AUDIT ") + function + " "
                + Cidr.text(client) + " (" + c.table().sourceOf(client) + ") -> " + Cidr.text(destination) + ":"
                + port + "/" + Addresses.protocol(protocol) + what + " (" + to + "): " + c.decidedBy(verdict, to);
    }
}
