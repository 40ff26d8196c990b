package edgebox.console.ssh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;

/**
 * A decision point for tests: every connection gets what {@code connections} answers, every request and query is
 * allowed; what it was asked is kept as {@code function client -> destination:port/protocol} lines.
 */
public final class TestPolicy implements PolicyDecisionPoint {

    /** The answer for one connection. */
    public interface Connections {
        Decision decide(String function, InetAddress client, InetAddress destination, int protocol, int port);
    }

    public final List<String> asked = new CopyOnWriteArrayList<>();
    private final Connections connections;

    public TestPolicy(Connections connections) {
        this.connections = connections;
    }

    public static TestPolicy always(Decision decision) {
        return new TestPolicy((function, client, destination, protocol, port) -> decision);
    }

    @Override
    public Decision connection(String function, InetAddress client, InetAddress destination, int protocol, int port) {
        asked.add(function + " " + client.getHostAddress() + " -> " + destination.getHostAddress() + ":" + port + "/"
                + protocol);
        return connections.decide(function, client, destination, protocol, port);
    }

    @Override
    public Decision connection4(String function, int client, int destination, int protocol, int port) {
        return connection(function, address(ByteBuffer.allocate(4).putInt(client)),
                address(ByteBuffer.allocate(4).putInt(destination)), protocol, port);
    }

    @Override
    public Decision connection6(String function, long clientHigh, long clientLow, long destinationHigh,
            long destinationLow, int protocol, int port) {
        return connection(function, address(ByteBuffer.allocate(16).putLong(clientHigh).putLong(clientLow)),
                address(ByteBuffer.allocate(16).putLong(destinationHigh).putLong(destinationLow)), protocol, port);
    }

    @Override
    public Verdict request(HttpRequestInfo request) {
        return Verdict.ALLOW;
    }

    @Override
    public Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port,
            String name) {
        return Verdict.ALLOW;
    }

    private static InetAddress address(ByteBuffer bytes) {
        try {
            return InetAddress.getByAddress(bytes.array());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
