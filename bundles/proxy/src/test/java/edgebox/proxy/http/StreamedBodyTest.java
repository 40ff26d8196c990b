package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request bodies beyond the replay buffer, streamed to mirrors and retried, on real sockets on 127.0.0.1. */
class StreamedBodyTest {

    private static final int MIB = 1 << 20;
    private final EventLoopGroup backends = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void close() {
        backends.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static String post(String path, byte[] body) {
        return "POST " + path + " HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n"
                + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static Cluster cluster(String name, InetSocketAddress... endpoints) {
        return new Cluster(name, "", java.util.Arrays.stream(endpoints).map(a -> new Endpoint(a, true, true))
                .toList(), "");
    }

    private static Forward forward(Cluster primary, List<RouteDecision.Mirror> mirrors, RouteDecision.Retry retry,
            String path) {
        return new Forward("HTTPRoute test/body", 0, "a", path, HeaderChanges.NONE, HeaderChanges.NONE,
                new RouteDecision.WeightedClusters(List.of(primary), new int[] {1}), mirrors,
                RouteDecision.Timeouts.NONE, retry);
    }

    @Test
    void aMirroredMegabytePostArrivesWholeAtTheMirrorAndAtThePrimary() throws Exception {
        byte[] body = body(MIB);
        try (CountingBackend primary = new CountingBackend(backends, 0);
                CountingBackend mirror = new CountingBackend(backends, 0);
                ProxyHarness p = new ProxyHarness(Limits.defaults(), unused -> head -> forward(
                        cluster("test/primary:80", primary.address()),
                        List.of(new RouteDecision.Mirror(cluster("test/mirror:80", mirror.address()), 100)),
                        RouteDecision.Retry.NONE, head.path()));
                RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send(post("/big", body)).read();
            assertEquals(200, r.status());
            assertEquals("bytes=" + MIB, r.body());
            CountingBackend.Received atPrimary = primary.received.poll(5, TimeUnit.SECONDS);
            CountingBackend.Received atMirror = mirror.received.poll(5, TimeUnit.SECONDS);
            assertNotNull(atMirror, "the mirror got the request");
            assertEquals(new CountingBackend.Received("/big", MIB, CountingBackend.crc(body)), atPrimary);
            assertEquals(atPrimary, atMirror, "the mirror got every byte, in order");
        }
    }

    @Test
    void aMirrorThatNeverReadsDoesNotHoldUpATenMegabyteUpload() throws Exception {
        byte[] body = body(10 * MIB);
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket deaf = new ServerSocket(); CountingBackend primary = new CountingBackend(backends, 0)) {
            deaf.setReceiveBufferSize(4096);
            deaf.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(deaf.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            Cluster mirror = cluster("test/deaf:80", (InetSocketAddress) deaf.getLocalSocketAddress());
            try (ProxyHarness p = new ProxyHarness(Limits.defaults(), unused -> head -> forward(
                    cluster("test/primary:80", primary.address()), List.of(new RouteDecision.Mirror(mirror, 100)),
                    RouteDecision.Retry.NONE, head.path()));
                    RawHttp c = new RawHttp(p.port())) {
                RawHttp.Response r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> c.send(post("/upload", body)).read());
                assertEquals(200, r.status());
                assertEquals("bytes=" + 10 * MIB, r.body());
                assertEquals(CountingBackend.crc(body), primary.received.poll(5, TimeUnit.SECONDS).crc());
                assertTrue(!held.isEmpty(), "the mirror was sent the request");
            } finally {
                deaf.close();
                acceptor.join(5000);
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aMegabytePostIsRetriedToTheNextEndpointWhenTheFirstRefusesTheConnection() throws Exception {
        byte[] body = body(MIB);
        InetSocketAddress refusing;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusing = (InetSocketAddress) s.getLocalSocketAddress();
        }
        try (CountingBackend good = new CountingBackend(backends, 0);
                ProxyHarness p = new ProxyHarness(Limits.defaults(), unused -> head -> forward(
                        cluster("test/two:80", refusing, good.address()), List.of(),
                        new RouteDecision.Retry(Set.of(), 1, Duration.ofMillis(10)), head.path()));
                RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send(post("/retried", body)).read();
            assertEquals(200, r.status(), r.body());
            assertEquals(new CountingBackend.Received("/retried", MIB, CountingBackend.crc(body)),
                    good.received.poll(5, TimeUnit.SECONDS));
        }
    }

    /**
     * A backend that reads each request whole and closes its first connection without answering, then answers the
     * next ones with the body's length: the request was reset after its body went upstream.
     */
    @Test
    void aResetAfterTheBodyWentUpstreamIsRetriedWithinTheReplayBufferOnly() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        boolean reset = accepted.incrementAndGet() % 2 == 1;
                        Thread.ofVirtual().start(() -> answerUnlessReset(s, reset));
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            Cluster c = cluster("test/reset:80", (InetSocketAddress) server.getLocalSocketAddress());
            try (ProxyHarness p = new ProxyHarness(Limits.defaults(), unused -> head -> forward(c, List.of(),
                    new RouteDecision.Retry(Set.of(), 1, Duration.ofMillis(10)), head.path()))) {
                byte[] small = body(32 * 1024);
                try (RawHttp client = new RawHttp(p.port())) {
                    RawHttp.Response r = client.send(post("/small", small)).read();
                    assertEquals(200, r.status(), r.body());
                    assertEquals("bytes=" + small.length, r.body(), "sent again from the replay buffer");
                }
                byte[] large = body(256 * 1024);
                try (RawHttp client = new RawHttp(p.port())) {
                    RawHttp.Response r = client.send(post("/large", large)).read();
                    assertEquals(503, r.status(), "beyond replayBufferBytes the body cannot be sent again");
                }
                assertEquals(3, accepted.get());
            } finally {
                server.close();
                acceptor.join(5000);
            }
        }
    }

    private static void answerUnlessReset(Socket s, boolean reset) {
        try (s) {
            InputStream in = s.getInputStream();
            long length = 0;
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != '\n') {
                    line.append((char) b);
                    continue;
                }
                String l = line.toString().trim().toLowerCase(Locale.ROOT);
                line.setLength(0);
                if (l.startsWith("content-length:")) {
                    length = Long.parseLong(l.substring(15).trim());
                } else if (l.isEmpty()) {
                    break;
                }
            }
            in.skipNBytes(length);
            if (!reset) {
                String answer = "bytes=" + length;
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + answer.length()
                        + "\r\nConnection: close\r\n\r\n" + answer).getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
        } catch (IOException e) {
            // the proxy went away
        }
    }
}
