package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.route.RouteDecision.HeaderChanges;
import org.junit.jupiter.api.Test;

/** h2c backends, request mirrors and draining, on real sockets on 127.0.0.1. */
class UpstreamFeaturesTest {

    @Test
    void h2cBackendsShareOneConnectionAndGetBodies() throws Exception {
        CompletableFuture<H2cBackend> h2 = new CompletableFuture<>();
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> {
            Cluster c = new Cluster("test/h2:80", "kubernetes.io/h2c",
                    List.of(new Endpoint(h2.join().address(), true, true)), "");
            return ProxyHarness.forward(c, head.host(), head.path(), RouteDecision.Timeouts.NONE,
                    RouteDecision.Retry.NONE);
        })) {
            try (H2cBackend backend = new H2cBackend(p.group); RawHttp c = new RawHttp(p.port())) {
                h2.complete(backend);
                RawHttp.Response get = c.send("GET /one HTTP/1.1\r\nHost: a.example\r\n\r\n").read();
                assertEquals(200, get.status());
                assertEquals("h2 GET /one host=a.example body=", get.body());
                RawHttp.Response post = c.send("POST /two HTTP/1.1\r\nHost: a.example\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n").read();
                assertEquals("h2 POST /two host=a.example body=xyz", post.body());
                RawHttp.Response grpc = c.send("POST /grpc/Svc/Call HTTP/1.1\r\nHost: a.example\r\nTE: trailers\r\n"
                        + "Content-Length: 2\r\n\r\nhi").read();
                assertEquals("chunked", grpc.headers().get("transfer-encoding"));
                assertEquals("0", grpc.headers().get("trailer:grpc-status"), grpc.headers().toString());
                assertEquals("trailers", grpc.headers().get("trailer:x-te"));
                assertEquals(1, backend.connections.get());
            }
        }
    }

    /**
     * A backend that answers the first request of each connection and closes the connection when a second one comes,
     * as a backend whose keep-alive timer fired just then does.
     */
    @Test
    void aStalePooledConnectionIsRetriedOnceForARequestWithoutBody() throws Exception {
        try (java.net.ServerSocket stale = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!stale.isClosed()) {
                    try {
                        java.net.Socket s = stale.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> oneAnswerPerConnection(s));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            Cluster c = new Cluster("test/stale:80", "", List.of(new Endpoint(
                    (java.net.InetSocketAddress) stale.getLocalSocketAddress(), true, true)), "");
            try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> ProxyHarness.forward(c,
                    head.host(), head.path(), RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE));
                    RawHttp client = new RawHttp(p.port())) {
                assertEquals(200, client.send("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
                assertEquals(200, client.send("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
                assertEquals(2, accepted.get(), "the second request went to a fresh connection");
                RawHttp.Response post = client.send("POST /3 HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx")
                        .read();
                assertEquals(503, post.status(), "a streamed body is not replayed");
            }
            stale.close();
            acceptor.join(5000);
        }
    }

    private static void oneAnswerPerConnection(java.net.Socket s) {
        try (s) {
            java.io.InputStream in = s.getInputStream();
            readHead(in);
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes());
            s.getOutputStream().flush();
            readHead(in);
        } catch (java.io.IOException e) {
            // the proxy went away
        }
    }

    private static void readHead(java.io.InputStream in) throws java.io.IOException {
        int state = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            state = b == '\n' ? state + 1 : b == '\r' ? state : 0;
            if (state == 2) {
                return;
            }
        }
        throw new java.io.EOFException();
    }

    @Test
    void mirrorsGetACopyAndTheClientOnlyThePrimaryAnswer() throws Exception {
        CompletableFuture<TestBackend> mirror = new CompletableFuture<>();
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> {
            Cluster m = new Cluster("test/mirror:80", "", List.of(new Endpoint(mirror.join().address(), true, true)),
                    "");
            return new Forward("HTTPRoute test/m", 0, head.host(), head.path(), HeaderChanges.NONE,
                    HeaderChanges.NONE, new RouteDecision.WeightedClusters(List.of(cluster), new int[] {1}),
                    List.of(new RouteDecision.Mirror(m, 100)), RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE);
        })) {
            try (TestBackend m = new TestBackend(p.group); RawHttp c = new RawHttp(p.port())) {
                mirror.complete(m);
                RawHttp.Response r = c.send("POST /m HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody").read();
                assertEquals(200, r.status());
                TestBackend.Seen copy = m.requests.poll(5, TimeUnit.SECONDS);
                assertNotNull(copy, "the mirror got the request");
                assertEquals("/m", copy.uri());
                assertEquals("body", copy.body());
                assertNotNull(p.backend.requests.poll(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void drainClosesIdleConnectionsAndFinishesTheOneInFlight() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(
                RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE));
                RawHttp idle = new RawHttp(p.port()); RawHttp busy = new RawHttp(p.port())) {
            assertEquals(200, idle.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            busy.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n");
            assertNotNull(p.backend.requests.poll(5, TimeUnit.SECONDS));
            assertNotNull(p.backend.requests.poll(5, TimeUnit.SECONDS));
            CompletableFuture<Integer> forced = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.connections.drain(4000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(idle.closedByPeer(), "the idle connection is closed after the grace");
            RawHttp.Response slow = busy.read();
            assertEquals(200, slow.status());
            assertEquals("close", slow.headers().get("connection"));
            assertTrue(busy.closedByPeer());
            assertEquals(0, forced.get(5, TimeUnit.SECONDS));
        }
    }
}
