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
