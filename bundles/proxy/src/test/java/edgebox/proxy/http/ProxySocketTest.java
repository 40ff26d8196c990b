package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.RouteDecision;
import org.junit.jupiter.api.Test;

/** The data path on real sockets on 127.0.0.1: a raw or JDK client, the proxy, a netty backend. */
class ProxySocketTest {

    private static final RouteDecision.Timeouts NO_TIMEOUTS = RouteDecision.Timeouts.NONE;

    private static ProxyHarness proxy() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(NO_TIMEOUTS, RouteDecision.Retry.NONE));
    }

    @Test
    void keepAliveRequestsShareOneUpstreamConnectionAndCarryForwardingHeaders() throws Exception {
        try (ProxyHarness p = proxy(); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response first = c.send("GET /a?x=1 HTTP/1.1\r\nHost: shop.example:8080\r\n"
                    + "X-Forwarded-For: 10.0.0.1\r\n\r\n").read();
            assertEquals(200, first.status());
            assertTrue(first.body().startsWith("GET /a?x=1\n"), first.body());
            assertTrue(first.body().contains("x-forwarded-for: 10.0.0.1, 127.0.0.1\n"), first.body());
            assertTrue(first.body().contains("x-forwarded-proto: http\n"), first.body());
            assertTrue(first.body().contains("host: shop.example:8080\n"), first.body());
            assertTrue(first.body().matches("(?s).*x-request-id: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                    + "[0-9a-f]{12}\n.*"), first.body());
            RawHttp.Response second = c.send("GET /b HTTP/1.1\r\nHost: shop.example\r\nX-Request-Id: abc\r\n"
                    + "Connection: keep-alive\r\n\r\n").read();
            assertEquals(200, second.status());
            assertTrue(second.body().contains("x-request-id: abc\n"), second.body());
            assertTrue(!second.body().contains("connection:"), second.body());
            assertEquals(1, p.backend.connections.get());
        }
    }

    @Test
    void requestBodiesStreamWithLengthAndChunked() throws Exception {
        try (ProxyHarness p = proxy(); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response fixed = c.send("POST /f HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello").read();
            assertTrue(fixed.body().endsWith("body: hello"), fixed.body());
            RawHttp.Response chunked = c.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").read();
            assertTrue(chunked.body().endsWith("body: abcde"), chunked.body());
        }
    }

    @Test
    void expectContinueIsAnsweredByTheProxy() throws Exception {
        try (ProxyHarness p = proxy(); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response interim = c.send("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                    + "Expect: 100-continue\r\n\r\n").read();
            assertEquals(100, interim.status());
            RawHttp.Response r = c.send("hello").read();
            assertEquals(200, r.status());
            assertTrue(r.body().endsWith("body: hello"), r.body());
            assertTrue(!r.body().contains("expect:"), r.body());
        }
    }

    @Test
    void smugglingAttemptsAreRefusedWith400AndClosed() throws Exception {
        String[] attacks = {
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcde",
            "GET / HTTP/1.1\r\nHost: a\r\nX-A: one\r\n two\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nabc",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
            "GET / HTTP/1.1\nHost: a\n\n",
            "GET / HTTP/1.1\r\n\r\n",
        };
        try (ProxyHarness p = proxy()) {
            for (String attack : attacks) {
                try (RawHttp c = new RawHttp(p.port())) {
                    RawHttp.Response r = c.send(attack).read();
                    assertEquals(400, r.status(), attack);
                    assertTrue(c.closedByPeer(), "closed after " + attack);
                }
            }
            assertEquals(0, p.backend.requests.size());
        }
    }

    @Test
    void limitsAnswer431And413() throws Exception {
        Limits limits = new Limits(8192, 4096, 10, 1000, 10_000, 60_000, 100, 100, 200, 30, 16, 1000, 8, 65536,
                1000, 100);
        try (ProxyHarness p = new ProxyHarness(limits, ProxyHarness.forwardAll(NO_TIMEOUTS,
                RouteDecision.Retry.NONE))) {
            try (RawHttp c = new RawHttp(p.port())) {
                assertEquals(431, c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(5000) + "\r\n\r\n")
                        .read().status());
            }
            try (RawHttp c = new RawHttp(p.port())) {
                StringBuilder many = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
                for (int i = 0; i < 12; i++) {
                    many.append("X-H").append(i).append(": v\r\n");
                }
                assertEquals(431, c.send(many + "\r\n").read().status());
            }
            try (RawHttp c = new RawHttp(p.port())) {
                assertEquals(413, c.send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2000\r\n\r\n").read()
                        .status());
            }
            try (RawHttp c = new RawHttp(p.port())) {
                RawHttp.Response r = c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "800\r\n" + "y".repeat(2048) + "\r\n0\r\n\r\n").read();
                assertEquals(413, r.status());
            }
        }
    }

    @Test
    void slowHeadGets408() throws Exception {
        Limits limits = Limits.defaults().withHeaderReadTimeout(300);
        try (ProxyHarness p = new ProxyHarness(limits, ProxyHarness.forwardAll(NO_TIMEOUTS,
                RouteDecision.Retry.NONE)); RawHttp c = new RawHttp(p.port())) {
            long start = System.nanoTime();
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: a\r\n").read();
            assertEquals(408, r.status());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void silentConnectionIsClosed() throws Exception {
        Limits limits = Limits.defaults().withHeaderReadTimeout(300);
        try (ProxyHarness p = new ProxyHarness(limits, ProxyHarness.forwardAll(NO_TIMEOUTS,
                RouteDecision.Retry.NONE)); RawHttp c = new RawHttp(p.port())) {
            long start = System.nanoTime();
            assertTrue(c.closedByPeer());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosed() throws Exception {
        Limits limits = new Limits(8192, 65536, 100, 1000, 10_000, 300, 100, 100, 200, 30, 16, 1000, 8, 65536, 1000,
                100);
        try (ProxyHarness p = new ProxyHarness(limits, ProxyHarness.forwardAll(NO_TIMEOUTS,
                RouteDecision.Retry.NONE)); RawHttp c = new RawHttp(p.port())) {
            assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            long start = System.nanoTime();
            assertTrue(c.closedByPeer());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        }
    }

    @Test
    void aResponseSlowerThanTheIdleTimeoutIsNotCutAndIdlenessCountsFromItsEnd() throws Exception {
        Limits limits = new Limits(8192, 65536, 100, 1000, 10_000, 300, 100, 100, 200, 30, 16, 1000, 8, 65536, 1000,
                100);
        try (ProxyHarness p = new ProxyHarness(limits, ProxyHarness.forwardAll(NO_TIMEOUTS,
                RouteDecision.Retry.NONE)); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("slow", r.body());
            long answered = System.nanoTime();
            assertEquals(200, c.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n").read().status(),
                    "the connection stays open right after a long answer");
            assertTrue(c.closedByPeer());
            long idle = System.nanoTime() - answered;
            assertTrue(idle >= TimeUnit.MILLISECONDS.toNanos(250) && idle < TimeUnit.SECONDS.toNanos(3),
                    "closed " + idle / 1_000_000 + " ms after the answers");
        }
    }

    @Test
    void requestAndBackendRequestTimeoutsAnswer504() throws Exception {
        RouteDecision.Timeouts[] cases = {new RouteDecision.Timeouts(Duration.ofMillis(200), null),
            new RouteDecision.Timeouts(null, Duration.ofMillis(200))};
        for (RouteDecision.Timeouts t : cases) {
            try (ProxyHarness p = new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(t,
                    RouteDecision.Retry.NONE)); RawHttp c = new RawHttp(p.port())) {
                long start = System.nanoTime();
                assertEquals(504, c.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n").read().status(), t.toString());
                assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500), t.toString());
                assertEquals(200, c.send("GET /after HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            }
        }
    }

    @Test
    void retriesOnListedCodesOnly() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(NO_TIMEOUTS,
                ProxyHarness.retry(2, 503))); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send("POST /flaky HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc").read();
            assertEquals(200, r.status());
            assertTrue(r.body().endsWith("body: abc"), r.body());
            assertEquals(3, p.backend.hits.get("/flaky").get());
        }
        try (ProxyHarness p = proxy(); RawHttp c = new RawHttp(p.port())) {
            assertEquals(503, c.send("GET /flaky HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertEquals(1, p.backend.hits.get("/flaky").get());
        }
    }

    @Test
    void unparsableBackendAnswerIs502() throws Exception {
        try (java.net.ServerSocket bad = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread answer = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = bad.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n".getBytes());
                    s.getInputStream().read();
                } catch (java.io.IOException e) {
                    // the proxy closed the connection: expected
                }
            });
            edgebox.proxy.route.Cluster broken = new edgebox.proxy.route.Cluster("test/bad:80", "", java.util.List.of(
                    new edgebox.proxy.route.Endpoint((java.net.InetSocketAddress) bad.getLocalSocketAddress(), true,
                            true)), "");
            try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> ProxyHarness.forward(
                    head.path().equals("/garbage") ? broken : cluster, head.host(), head.path(), NO_TIMEOUTS,
                    RouteDecision.Retry.NONE)); RawHttp c = new RawHttp(p.port())) {
                assertEquals(502, c.send("GET /garbage HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
                assertEquals(200, c.send("GET /fine HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            }
            answer.join(5000);
        }
    }

    @Test
    void aRoutingFailureIs500() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> {
            throw new IllegalStateException("broken table");
        }); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").read();
            assertEquals(500, r.status());
            assertEquals("close", r.headers().get("connection"));
        }
    }

    @Test
    void localAnswersKeepTheConnection() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> head.path().equals("/missing")
                ? new RouteDecision.Respond(404, "no route")
                : ProxyHarness.forward(cluster, head.host(), head.path(), NO_TIMEOUTS, RouteDecision.Retry.NONE));
                RawHttp c = new RawHttp(p.port())) {
            assertEquals(404, c.send("GET /missing HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            assertEquals(404, c.send("POST /missing HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab").read()
                    .status());
            assertEquals(200, c.send("GET /there HTTP/1.1\r\nHost: a\r\n\r\n").read().status());
            p.acme.publish("tok123", "tok123.key");
            RawHttp.Response acme = c.send("GET /.well-known/acme-challenge/tok123 HTTP/1.1\r\nHost: any\r\n\r\n")
                    .read();
            assertEquals(200, acme.status());
            assertEquals("tok123.key", acme.body());
        }
    }

    @Test
    void aLocalAnswerClosesTheConnectionWhenTooMuchBodyIsLeftUnread() throws Exception {
        try (ProxyHarness p = new ProxyHarness(Limits.defaults(), cluster -> head -> new RouteDecision.Respond(404,
                "no route")); RawHttp c = new RawHttp(p.port())) {
            RawHttp.Response r = c.send("POST /missing HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nab")
                    .read();
            assertEquals(404, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertTrue(c.closedByPeer());
        }
    }

    @Test
    void h2cUpgradeServesHttp2() throws Exception {
        try (ProxyHarness p = proxy()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + p.port() + "/h2/" + i)).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertTrue(r.body().startsWith("GET /h2/" + i), r.body());
                if (i > 0) {
                    assertEquals(HttpClient.Version.HTTP_2, r.version());
                }
            }
        }
    }

    @Test
    void h2cPriorKnowledgeWithCurl() throws Exception {
        try (ProxyHarness p = proxy()) {
            Process curl = new ProcessBuilder("curl", "-s", "--http2-prior-knowledge", "-o", "/dev/null", "-w",
                    "%{http_version} %{http_code}", "http://127.0.0.1:" + p.port() + "/pk").start();
            assertTrue(curl.waitFor(10, TimeUnit.SECONDS));
            assertEquals("2 200", new String(curl.getInputStream().readAllBytes()));
        }
    }

    @Test
    void webSocketIsRelayed() throws Exception {
        try (ProxyHarness p = proxy()) {
            CompletableFuture<String> echoed = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + p.port() + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            echoed.complete(data.toString());
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText("hi", true);
            assertEquals("echo: hi", echoed.get(5, TimeUnit.SECONDS));
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }
}
