package edgebox.health.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;

/**
 * A decision point for tests: every connection gets {@code decision}, every request what {@code requests} answers,
 * every DNS query is allowed. What it was asked is kept: {@code function client -> destination:port/protocol} per
 * connection, the requests as they came.
 */
public final class TestPolicy implements PolicyDecisionPoint {

    public final List<String> connections = new CopyOnWriteArrayList<>();
    public final List<HttpRequestInfo> requests = new CopyOnWriteArrayList<>();
    private final Decision decision;
    private final Function<HttpRequestInfo, Verdict> verdicts;

    public TestPolicy(Decision decision, Function<HttpRequestInfo, Verdict> verdicts) {
        this.decision = decision;
        this.verdicts = verdicts;
    }

    public static TestPolicy always(Decision decision) {
        return new TestPolicy(decision, r -> Verdict.ALLOW);
    }

    @Override
    public Decision connection(String function, InetAddress client, InetAddress destination, int protocol, int port) {
        connections.add(function + " " + client.getHostAddress() + " -> " + destination.getHostAddress() + ":" + port
                + "/" + protocol);
        return decision;
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
        requests.add(request);
        return verdicts.apply(request);
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
