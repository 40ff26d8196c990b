package edgebox.proxy.http;

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
 * A policy decision point for tests: connections decided by a function of the ask, requests by another; every ask
 * is recorded. Not for DNS questions.
 */
final class TestPolicy implements PolicyDecisionPoint {

    /** A connection ask as the data path made it; addresses as objects. */
    record Ask(String function, InetAddress client, InetAddress destination, int protocol, int port) {
    }

    final List<Ask> connections = new CopyOnWriteArrayList<>();
    final List<HttpRequestInfo> requests = new CopyOnWriteArrayList<>();
    private final Function<Ask, Decision> connection;
    private final Function<HttpRequestInfo, Verdict> request;

    TestPolicy(Function<Ask, Decision> connection, Function<HttpRequestInfo, Verdict> request) {
        this.connection = connection;
        this.request = request;
    }

    /** Connections decided by {@code connection}; a request asked about is a test failure. */
    static TestPolicy connections(Function<Ask, Decision> connection) {
        return new TestPolicy(connection, r -> {
            throw new AssertionError("request asked on a connection that needs no requests asked: " + r);
        });
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
    public Decision connection(String function, InetAddress client, InetAddress destination, int protocol,
            int port) {
        Ask ask = new Ask(function, client, destination, protocol, port);
        connections.add(ask);
        return connection.apply(ask);
    }

    @Override
    public Verdict request(HttpRequestInfo info) {
        requests.add(info);
        return request.apply(info);
    }

    @Override
    public Verdict query(String function, InetAddress client, InetAddress server, int protocol, int port,
            String name) {
        throw new AssertionError("the proxy asks no DNS questions");
    }

    private static InetAddress address(ByteBuffer b) {
        try {
            return InetAddress.getByAddress(b.array());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
