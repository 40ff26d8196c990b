package edgebox.health.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edgebox.api.net.Transport;
import edgebox.api.policy.Decision;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The health endpoint on loopback with a test decision point, asked by curl. */
class HealthServerPolicyTest {

    private static EventLoopGroup group;
    private static Transport transport;

    private final AtomicReference<PolicyDecisionPoint> policy = new AtomicReference<>();
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private final AtomicInteger refusedRequests = new AtomicInteger();
    private HealthServer server;
    private int port;

    @BeforeAll
    static void loops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        transport = new Transport() {
            @Override
            public String name() {
                return "nio";
            }

            @Override
            public EventLoopGroup group() {
                return group;
            }

            @Override
            public Class<? extends ServerChannel> serverChannel() {
                return NioServerSocketChannel.class;
            }

            @Override
            public Class<? extends SocketChannel> socketChannel() {
                return NioSocketChannel.class;
            }

            @Override
            public Class<? extends DatagramChannel> datagramChannel() {
                return NioDatagramChannel.class;
            }
        };
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void bind() {
        PolicyCheck check = new PolicyCheck(policy::get, refusedConnections::incrementAndGet,
                refusedRequests::incrementAndGet);
        server = HealthServer.bind(transport, "127.0.0.1", 0, new Endpoints() {
            @Override
            public Answer liveness() {
                return new Answer(true, "ok");
            }

            @Override
            public Answer readiness() {
                return new Answer(true, "ready");
            }

            @Override
            public void writeMetrics(OutputStream out) throws IOException {
                out.write("edgebox_ready 1\n".getBytes(StandardCharsets.UTF_8));
            }
        }, check);
        port = server.localAddress().getPort();
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void deniedClientIsClosedWithoutAnAnswer() throws Exception {
        TestPolicy deny = TestPolicy.always(Decision.DENY);
        policy.set(deny);
        Curl c = curl("/metrics");
        assertTrue(c.exit() == 52 || c.exit() == 56, "empty reply or reset: " + c);
        assertEquals("", c.out());
        assertEquals(List.of("metrics 127.0.0.1 -> 127.0.0.1:" + port + "/6"), deny.connections);
        assertEquals(1, refusedConnections.get());
        assertEquals(List.of(), deny.requests, "a denied connection has no requests to ask about");
    }

    @Test
    void allowedClientIsServedWithoutAskingPerRequest() throws Exception {
        TestPolicy allow = TestPolicy.always(Decision.ALLOW);
        policy.set(allow);
        Curl c = curl("/metrics");
        assertEquals(0, c.exit(), c.toString());
        assertEquals("200 edgebox_ready 1\n", c.out());
        assertEquals(1, allow.connections.size());
        assertEquals(List.of(), allow.requests);
    }

    @Test
    void requestsDecisionAsksEachRequestAndDeniesWith403() throws Exception {
        TestPolicy rules = new TestPolicy(Decision.REQUESTS,
                r -> r.path().equals("/healthz") ? Verdict.ALLOW : Verdict.deny("policy monitoring/scrape rule 0"));
        policy.set(rules);
        assertEquals("200 ok\n", curl("/healthz").out());
        Curl denied = curl("/metrics?name=x", "-H", "X-Probe: one");
        assertEquals(0, denied.exit(), denied.toString());
        assertEquals("403 access denied\n", denied.out());
        assertEquals(1, refusedRequests.get());
        assertEquals(0, refusedConnections.get());

        HttpRequestInfo asked = rules.requests.get(1);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertEquals(new HttpRequestInfo("metrics", loopback, loopback, port, "GET", "/metrics",
                asked.headers()), asked);
        assertEquals(List.of("one"), asked.headers().get("x-probe"), "header names lower case");
    }

    @Test
    void withoutADecisionPointEveryoneIsServed() throws Exception {
        assertEquals("200 ok\n", curl("/healthz").out());
        policy.set(TestPolicy.always(Decision.DENY));
        assertTrue(curl("/healthz").out().isEmpty());
        policy.set(null);
        assertEquals("200 ok\n", curl("/healthz").out(), "served again once the decision point is gone");
    }

    private record Curl(int exit, String out, String err) {
    }

    /** curl on loopback: status, a space and the body; exit 52 (empty reply) or 56 (reset) when closed. */
    private Curl curl(String path, String... extra) throws Exception {
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10", "-w", "%{http_code} ",
                "-o", "/dev/stderr"));
        argv.addAll(List.of(extra));
        argv.add("http://127.0.0.1:" + port + path);
        Process p = new ProcessBuilder(argv).start();
        p.getOutputStream().close();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv + ": still running after 20 s");
        }
        String code = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String body = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            return new Curl(p.exitValue(), "", body);
        }
        return new Curl(0, code + body, "");
    }
}
