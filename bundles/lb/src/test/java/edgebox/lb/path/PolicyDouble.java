package edgebox.lb.path;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import edgebox.api.net.Cidr;
import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.lb.neigh.IpAddress;

/**
 * A policy decision point for tests: answers each new connection with {@link Decide}, counts the asks and keeps
 * the last one, allocating nothing. The load balancer asks with addresses as numbers only and never per request,
 * so the other questions fail the test.
 */
public final class PolicyDouble implements PolicyDecisionPoint {

    /** The answer to a connection; IPv4 addresses come IPv4-mapped (high 0, low ::ffff:a.b.c.d). */
    @FunctionalInterface
    public interface Decide {
        Decision decide(long clientHigh, long clientLow, long destinationHigh, long destinationLow, int protocol,
                int port);
    }

    private final Decide decide;
    private final AtomicLong asks = new AtomicLong();
    private volatile String function;
    private volatile long clientHigh;
    private volatile long clientLow;
    private volatile long destinationHigh;
    private volatile long destinationLow;
    private volatile int protocol;
    private volatile int port;

    public PolicyDouble(Decide decide) {
        this.decide = decide;
    }

    /** {@code decision} for connections from {@code client}, ALLOW for the others. */
    public static PolicyDouble answering(String client, Decision decision) {
        InetAddress address = InetAddress.ofLiteral(client);
        long high = IpAddress.high(address);
        long low = IpAddress.low(address);
        return new PolicyDouble((ch, cl, dh, dl, proto, p) -> ch == high && cl == low ? decision : Decision.ALLOW);
    }

    @Override
    public Decision connection4(String function, int client, int destination, int protocol, int port) {
        return asked(function, 0, IpAddress.v4Low(client), 0, IpAddress.v4Low(destination), protocol, port);
    }

    @Override
    public Decision connection6(String function, long clientHigh, long clientLow, long destinationHigh,
            long destinationLow, int protocol, int port) {
        return asked(function, clientHigh, clientLow, destinationHigh, destinationLow, protocol, port);
    }

    private Decision asked(String function, long ch, long cl, long dh, long dl, int protocol, int port) {
        this.function = function;
        clientHigh = ch;
        clientLow = cl;
        destinationHigh = dh;
        destinationLow = dl;
        this.protocol = protocol;
        this.port = port;
        asks.incrementAndGet();
        return decide.decide(ch, cl, dh, dl, protocol, port);
    }

    @Override
    public Decision connection(String function, InetAddress client, InetAddress destination, int protocol,
            int port) {
        throw new AssertionError("the load balancer asks with addresses as numbers");
    }

    @Override
    public Verdict request(HttpRequestInfo request) {
        throw new AssertionError("the load balancer never sees a request");
    }

    @Override
    public Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port,
            String name) {
        throw new AssertionError("the load balancer never sees a DNS question");
    }

    public long asks() {
        return asks.get();
    }

    /** The last connection asked about: {@code function client -> destination:port/protocol}. */
    public String lastAsk() {
        return function + " " + Cidr.text(IpAddress.of(clientHigh, clientLow)) + " -> "
                + Cidr.text(IpAddress.of(destinationHigh, destinationLow)) + ":" + port + "/" + protocol;
    }
}
