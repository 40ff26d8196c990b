package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import edgebox.api.policy.Decision;
import edgebox.api.policy.Verdict;
import edgebox.api.tls.TlsCertificate;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.RequestHead;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.tls.CertificateIndex;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.Test;

/**
 * WebSocket over HTTP/2 (RFC 8441) on real sockets: {@link H2WebSocketClient} sends extended CONNECTs to the proxy,
 * which forwards them as HTTP/1.1 WebSocket handshakes to {@link TestBackend}'s netty WebSocket echo.
 */
class WebSocketOverHttp2Test {

    private static final long SECONDS = 5;

    /** Every request forwarded to the backend, except {@code /missing}, which no route matches. */
    private static Function<Cluster, Function<RequestHead, RouteDecision>> routes() {
        return cluster -> head -> head.path().equals("/missing") ? new RouteDecision.Respond(404, "no route")
                : ProxyHarness.forward(cluster, head.host(), head.path(), RouteDecision.Timeouts.NONE,
                        RouteDecision.Retry.NONE);
    }

    private static ProxyHarness proxy() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), routes());
    }

    private static H2WebSocketClient client(ProxyHarness p) throws InterruptedException {
        return new H2WebSocketClient(p.group, p.port(), null, null);
    }

    private static String status(H2WebSocketClient.Stream s) throws Exception {
        return s.response.get(SECONDS, TimeUnit.SECONDS).status().toString();
    }

    @Test
    void anEchoGoesBothWaysAndAWebSocketCloseEndsTheStream() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            assertEquals(Boolean.TRUE, c.settings.get(SECONDS, TimeUnit.SECONDS).connectProtocolEnabled());
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket")
                    .set("sec-websocket-protocol", "chat"));
            Http2Headers answer = s.response.get(SECONDS, TimeUnit.SECONDS);
            assertEquals("200", answer.status().toString());
            assertEquals("chat", String.valueOf(answer.get("sec-websocket-protocol")));
            assertNull(answer.get("sec-websocket-accept"));
            assertNull(answer.get("upgrade"));

            TestBackend.Seen handshake = p.backend.upgrades.poll(SECONDS, TimeUnit.SECONDS);
            assertEquals("GET", handshake.method());
            assertEquals("/ws", handshake.uri());
            String headers = handshake.body();
            assertTrue(headers.contains("upgrade: websocket\n"), headers);
            assertTrue(headers.contains("connection: upgrade\n"), headers);
            assertTrue(headers.matches("(?s).*sec-websocket-key: [A-Za-z0-9+/]{22}==\n.*"), headers);
            assertTrue(headers.contains("sec-websocket-version: 13\n"), headers);
            assertTrue(headers.contains("host: ws.example\n"), headers);
            assertFalse(headers.contains("transfer-encoding"), headers);

            s.sendText("hi");
            assertEquals("echo: hi", s.messages.poll(SECONDS, TimeUnit.SECONDS));
            s.send(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
            assertEquals("close 1000", s.messages.poll(SECONDS, TimeUnit.SECONDS));
            assertTrue(s.endStream.get(SECONDS, TimeUnit.SECONDS), "the backend's close ends the stream");
            assertFalse(s.reset.isDone(), "an orderly close is END_STREAM, not RST_STREAM");

            String line = p.accessLine("\"path\":\"/ws\"");
            assertNotNull(line);
            assertTrue(line.contains("\"method\":\"GET\"") && line.contains("\"protocol\":\"HTTP/2\"")
                    && line.contains("\"response_code\":200"), line);
        }
    }

    @Test
    void overTlsWithAlpnH2() throws Exception {
        SelfSignedCertificate self = new SelfSignedCertificate("secure.example");
        try {
            CertificateIndex index = CertificateIndex.of(
                    List.of(new TlsCertificate("ns", "cert", self.key(), List.of(self.cert()))));
            SslContext ssl = SslContextBuilder.forClient().trustManager(self.cert())
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2))
                    .build();
            try (ProxyHarness p = new ProxyHarness(Limits.defaults(), routes(), index);
                    H2WebSocketClient c = new H2WebSocketClient(p.group, p.port(), ssl, "secure.example")) {
                assertEquals(Boolean.TRUE, c.settings.get(SECONDS, TimeUnit.SECONDS).connectProtocolEnabled());
                H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket").scheme("https"));
                assertEquals("200", status(s));
                s.sendText("over tls");
                assertEquals("echo: over tls", s.messages.poll(SECONDS, TimeUnit.SECONDS));
            }
        } finally {
            self.delete();
        }
    }

    /** 8 messages of 60,000 bytes each way: far past the 64 KiB stream windows, so both must be refilled. */
    @Test
    void messagesPastTheFlowControlWindowGetThrough() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket"));
            assertEquals("200", status(s));
            String big = "x".repeat(60_000);
            for (int i = 0; i < 8; i++) {
                s.sendText(i + big);
            }
            for (int i = 0; i < 8; i++) {
                assertEquals("echo: " + i + big, s.messages.poll(SECONDS, TimeUnit.SECONDS), "message " + i);
            }
        }
    }

    /**
     * A backend that stops reading holds the client back: the proxy stops reading the stream, so the stream's window
     * runs out and the client's writes stay queued at the client. Without that back-pressure the proxy would take
     * all 32 MiB into its memory; with it, only the socket buffers' and windows' worth leave the client.
     */
    @Test
    void aBackendThatStopsReadingHoldsTheClientBack() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket"));
            assertEquals("200", status(s));
            s.sendText("stall");
            byte[] chunk = "y".repeat(65_000).getBytes(StandardCharsets.US_ASCII);
            AtomicLong sent = new AtomicLong();
            for (int i = 0; i < 512; i++) {
                s.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(chunk))).addListener(f -> {
                    if (f.isSuccess()) {
                        sent.addAndGet(chunk.length);
                    }
                });
            }
            Thread.sleep(2000);
            long out = sent.get();
            assertTrue(out > 0 && out < 16L << 20, out + " bytes left the client");
        }
    }

    @Test
    void theClientsEndStreamHalfClosesTheBackendWhoseCloseEndsTheStream() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket"));
            assertEquals("200", status(s));
            s.sendText("last");
            s.end();
            assertEquals("echo: last", s.messages.poll(SECONDS, TimeUnit.SECONDS));
            assertTrue(s.endStream.get(SECONDS, TimeUnit.SECONDS));
            s.closed.get(SECONDS, TimeUnit.SECONDS);
            assertFalse(s.reset.isDone());
            awaitBackendClosed(p);
        }
    }

    @Test
    void theClientsResetClosesTheBackendConnection() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket"));
            assertEquals("200", status(s));
            s.sendText("ping");
            assertEquals("echo: ping", s.messages.poll(SECONDS, TimeUnit.SECONDS));
            assertEquals(0, p.backend.closed.get());
            s.cancel();
            awaitBackendClosed(p);
        }
    }

    private static void awaitBackendClosed(ProxyHarness p) throws InterruptedException {
        for (int i = 0; i < 100 && p.backend.closed.get() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, p.backend.closed.get(), "the backend connection is closed");
    }

    @Test
    void aRouteMissIs404AndReachesNoBackend() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/missing", "websocket"));
            assertEquals("404", status(s));
            assertTrue(s.endStream.get(SECONDS, TimeUnit.SECONDS));
            s.closed.get(SECONDS, TimeUnit.SECONDS);
            assertEquals(0, p.backend.connections.get());
        }
    }

    @Test
    void aPolicyDenialIs403AndTheRequestWasAskedAboutAsAGet() throws Exception {
        try (ProxyHarness p = proxy()) {
            TestPolicy policy = new TestPolicy(a -> a.port() == p.port() ? Decision.ALLOW : Decision.REQUESTS,
                    r -> r.path().equals("/ws") ? Verdict.deny(PolicyEnforcementTest.RULE) : Verdict.ALLOW);
            p.policy.set(policy);
            try (H2WebSocketClient c = client(p)) {
                H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket"));
                assertEquals("403", status(s));
                assertTrue(s.endStream.get(SECONDS, TimeUnit.SECONDS));
                assertEquals(0, p.backend.connections.get());
                assertEquals("GET", policy.requests.get(0).method());
                assertTrue(p.accessLine("\"path\":\"/ws\"").contains("\"response_flags\":\"policy:"));
            }
        }
    }

    /** netty's WebSocket server answers an unknown version 426 and keeps no connection for it. */
    @Test
    void aBackendRefusingTheUpgradeIsAnsweredWithItsStatusAndTheStreamEnds() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "websocket")
                    .set("sec-websocket-version", "99"));
            Http2Headers answer = s.response.get(SECONDS, TimeUnit.SECONDS);
            assertEquals("426", answer.status().toString());
            assertEquals("13", String.valueOf(answer.get("sec-websocket-version")));
            assertTrue(s.endStream.get(SECONDS, TimeUnit.SECONDS));
            assertEquals(0L, s.reset.get(SECONDS, TimeUnit.SECONDS), "reset NO_ERROR: the request ends too");
            assertTrue(p.accessLine("\"path\":\"/ws\"").contains("\"response_code\":426"));
        }
    }

    @Test
    void anotherProtocolIs501() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(H2WebSocketClient.connect("/ws", "connect-udp"));
            assertEquals("501", status(s));
            assertTrue(s.endStream.get(SECONDS, TimeUnit.SECONDS));
            assertEquals(0, p.backend.connections.get());
        }
    }

    @Test
    void aPlainConnectStays501() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(new DefaultHttp2Headers().method("CONNECT")
                    .authority("ws.example:443"));
            assertEquals("501", status(s));
            assertEquals(0, p.backend.connections.get());
        }
    }

    @Test
    void aProtocolOnAGetIsAStreamProtocolError() throws Exception {
        try (ProxyHarness p = proxy(); H2WebSocketClient c = client(p)) {
            H2WebSocketClient.Stream s = c.open(new DefaultHttp2Headers().method("GET").scheme("http")
                    .authority("ws.example").path("/ws").set(":protocol", "websocket"));
            assertEquals(1L, s.reset.get(SECONDS, TimeUnit.SECONDS), "RST_STREAM PROTOCOL_ERROR");
            assertFalse(s.response.isDone());
            assertEquals(0, p.backend.connections.get());
        }
    }
}
