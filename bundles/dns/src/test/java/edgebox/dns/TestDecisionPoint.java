package edgebox.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;

/**
 * A decision point for tests: connections get what {@code connections} says, DNS questions what {@code names}
 * says; every ask is kept as a line ({@code connection dns 127.0.0.1 -> 127.0.0.1 17/5353},
 * {@code query dns 127.0.0.1 -> 127.0.0.1 17/5353 www.demo.test.}) so a test sees what was asked.
 */
public final class TestDecisionPoint implements PolicyDecisionPoint {

    /** The decision for a connection. */
    public interface Connections {
        Decision decide(InetAddress client, InetAddress destination, int protocol, int port);
    }

    /** The verdict for a DNS question. */
    public interface Names {
        Verdict decide(String name);
    }

    private final Connections connections;
    private final Names names;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    public TestDecisionPoint(Connections connections, Names names) {
        this.connections = connections;
        this.names = names;
    }

    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Decision connection(String function, InetAddress client, InetAddress destination, int protocol,
            int port) {
        asked.add("connection " + function + " " + client.getHostAddress() + " -> " + destination.getHostAddress()
                + " " + protocol + "/" + port);
        return connections.decide(client, destination, protocol, port);
    }

    @Override
    public Decision connection4(String function, int client, int destination, int protocol, int port) {
        throw new AssertionError("the DNS server asks with addresses as objects");
    }

    @Override
    public Decision connection6(String function, long clientHigh, long clientLow, long destinationHigh,
            long destinationLow, int protocol, int port) {
        throw new AssertionError("the DNS server asks with addresses as objects");
    }

    @Override
    public Verdict request(HttpRequestInfo request) {
        throw new AssertionError("the DNS server asks no HTTP requests");
    }

    @Override
    public Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port,
            String name) {
        asked.add("query " + function + " " + client.getHostAddress() + " -> " + server.getHostAddress() + " "
                + protocol + "/" + port + " " + name);
        return names.decide(name);
    }
}
