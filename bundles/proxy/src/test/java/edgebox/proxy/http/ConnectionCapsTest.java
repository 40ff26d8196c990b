package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.upstream.ConnectionCaps;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-endpoint connection caps and their wait queue, on real sockets on 127.0.0.1, over the proxy's two loops. */
class ConnectionCapsTest {

    private final EventLoopGroup backends = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void close() {
        backends.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static List<RawHttp.Response> concurrently(int port, int n) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(n);
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String path = "/slow/" + i;
                answers.add(clients.submit((Callable<RawHttp.Response>) () -> {
                    try (RawHttp c = new RawHttp(port)) {
                        return c.send("GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
                    }
                }));
            }
            List<RawHttp.Response> all = new ArrayList<>();
            for (Future<RawHttp.Response> f : answers) {
                all.add(f.get(15, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void twoConnectionsServeTheQueueAndTheOverflowIsAnswered503Overloaded() throws Exception {
        try (CountingBackend slow = new CountingBackend(backends, 1000);
                ProxyHarness p = new ProxyHarness(Limits.defaults(), new ConnectionCaps(2, 4, 10_000),
                        unused -> head -> ProxyHarness.forward(new Cluster("test/slow:80", "",
                                List.of(new Endpoint(slow.address(), true, true)), ""), "a", head.path(),
                                RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE))) {
            List<RawHttp.Response> answers = concurrently(p.port(), 10);
            long served = answers.stream().filter(r -> r.status() == 200).count();
            List<RawHttp.Response> overloaded = answers.stream().filter(r -> r.status() == 503).toList();
            assertTrue(slow.maxOpen.get() <= 2, "at most 2 connections at the backend, saw " + slow.maxOpen.get());
            assertEquals(6, served, "2 at once and the 4 queued: " + answers);
            assertEquals(4, overloaded.size(), "the queue holds 4: " + answers);
            for (RawHttp.Response r : overloaded) {
                assertEquals("true", r.headers().get("x-edgebox-overloaded"), r.toString());
            }
            assertEquals(6, slow.received.size());
        }
    }

    @Test
    void aRequestWaitsNoLongerThanThePendingTimeout() throws Exception {
        try (CountingBackend slow = new CountingBackend(backends, 2000);
                ProxyHarness p = new ProxyHarness(Limits.defaults(), new ConnectionCaps(1, 1, 200),
                        unused -> head -> ProxyHarness.forward(new Cluster("test/slow:80", "",
                                List.of(new Endpoint(slow.address(), true, true)), ""), "a", head.path(),
                                RouteDecision.Timeouts.NONE, RouteDecision.Retry.NONE));
                RawHttp first = new RawHttp(p.port()); RawHttp second = new RawHttp(p.port())) {
            first.send("GET /slow/1 HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("/slow/1", slow.received.poll(5, TimeUnit.SECONDS).uri());
            long start = System.nanoTime();
            RawHttp.Response waited = second.send("GET /slow/2 HTTP/1.1\r\nHost: a\r\n\r\n").read();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(503, waited.status());
            assertEquals("true", waited.headers().get("x-edgebox-overloaded"));
            assertTrue(millis >= 150 && millis < 1500, "answered after the 200 ms wait, took " + millis + " ms");
            assertEquals(200, first.read().status());
        }
    }
}
