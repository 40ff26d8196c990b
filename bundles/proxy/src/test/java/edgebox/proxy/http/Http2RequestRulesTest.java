package edgebox.proxy.http;

import static edgebox.proxy.http.Http2LimitsTest.connect;
import static edgebox.proxy.http.Http2LimitsTest.frame;
import static edgebox.proxy.http.Http2LimitsTest.readUntilClosed;
import static edgebox.proxy.http.Http2LimitsTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.RouteDecision;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import org.junit.jupiter.api.Test;

/**
 * Malformed HTTP/2 requests (RFC 9113 8.1.1, 8.2.2, 8.3.1) on a raw h2c connection, frames written by hand: each is
 * reset or refused on its stream and never reaches the backend complete.
 */
class Http2RequestRulesTest {

    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int PROTOCOL_ERROR = 0x1;

    private static ProxyHarness proxy() throws InterruptedException {
        return new ProxyHarness(Limits.defaults(), ProxyHarness.forwardAll(RouteDecision.Timeouts.NONE,
                RouteDecision.Retry.NONE));
    }

    private static ByteBuf headers(Http2Headers h) throws Exception {
        ByteBuf out = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder().encodeHeaders(1, h, out);
        return out;
    }

    private static Http2Headers post(String contentLength) {
        Http2Headers h = new DefaultHttp2Headers(false).method("POST").scheme("http").authority("a").path("/up");
        return contentLength == null ? h : h.set("content-length", contentLength);
    }

    private static ByteBuf data(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static boolean resetWithProtocolError(List<Http2LimitsTest.Frame> frames) {
        return frames.stream().anyMatch(f -> f.type() == RST_STREAM && f.stream() == 1
                && f.payload().getInt(0) == PROTOCOL_ERROR);
    }

    /** Sends the frames, with a pause after each so the proxy forwards what it has before the next arrives. */
    private static List<Http2LimitsTest.Frame> exchange(ProxyHarness p, ByteBuf... frames) throws Exception {
        try (Socket s = connect(p)) {
            s.setSoTimeout(1500);
            for (ByteBuf f : frames) {
                write(s, f);
                Thread.sleep(200);
            }
            return readUntilClosed(s);
        }
    }

    @Test
    void dataBeyondTheContentLengthIsResetAndTheBackendNeverGetsTheRequest() throws Exception {
        try (ProxyHarness p = proxy()) {
            List<Http2LimitsTest.Frame> frames = exchange(p, frame(HEADERS, END_HEADERS, 1, headers(post("3"))),
                    frame(DATA, 0, 1, data("abc")), frame(DATA, END_STREAM, 1, data("de")));
            assertTrue(resetWithProtocolError(frames), "RST_STREAM PROTOCOL_ERROR in " + describe(frames));
            assertNull(p.backend.requests.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void dataOnAZeroContentLengthIsResetAndTheBackendNeverGetsTheRequest() throws Exception {
        try (ProxyHarness p = proxy()) {
            List<Http2LimitsTest.Frame> frames = exchange(p, frame(HEADERS, END_HEADERS, 1, headers(post("0"))),
                    frame(DATA, END_STREAM, 1, data("abc")));
            assertTrue(resetWithProtocolError(frames), "RST_STREAM PROTOCOL_ERROR in " + describe(frames));
            assertNull(p.backend.requests.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void lessDataThanTheContentLengthIsReset() throws Exception {
        try (ProxyHarness p = proxy()) {
            List<Http2LimitsTest.Frame> frames = exchange(p, frame(HEADERS, END_HEADERS, 1, headers(post("5"))),
                    frame(DATA, END_STREAM, 1, data("abc")));
            assertTrue(resetWithProtocolError(frames), "RST_STREAM PROTOCOL_ERROR in " + describe(frames));
            assertNull(p.backend.requests.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aContentLengthOnHeadersThatEndTheStreamIsReset() throws Exception {
        try (ProxyHarness p = proxy()) {
            List<Http2LimitsTest.Frame> frames = exchange(p,
                    frame(HEADERS, END_HEADERS | END_STREAM, 1, headers(post("4"))));
            assertTrue(resetWithProtocolError(frames) || answered(frames), "reset or answered by the proxy");
            assertNull(p.backend.requests.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aMatchingContentLengthIsForwarded() throws Exception {
        try (ProxyHarness p = proxy()) {
            exchange(p, frame(HEADERS, END_HEADERS, 1, headers(post("5"))), frame(DATA, 0, 1, data("abc")),
                    frame(DATA, END_STREAM, 1, data("de")));
            TestBackend.Seen seen = p.backend.requests.poll(2, TimeUnit.SECONDS);
            assertEquals("abcde", seen.body());
        }
    }

    @Test
    void malformedHeadersAreResetOrRefusedAndNeverForwarded() throws Exception {
        Http2Headers[] bad = {
            get("/x").add("host", "b"),
            get("http://b/x"),
            get("b:80"),
            get("/x").add("connection", "close"),
            get("/x").add("transfer-encoding", "chunked"),
            get("/x").add("te", "gzip"),
            get("/x").add("upgrade", "h2c"),
            new DefaultHttp2Headers(false).method("CONNECT").authority("a:443"),
        };
        try (ProxyHarness p = proxy()) {
            for (Http2Headers h : bad) {
                List<Http2LimitsTest.Frame> frames = exchange(p,
                        frame(HEADERS, END_HEADERS | END_STREAM, 1, headers(h)));
                assertTrue(resetWithProtocolError(frames) || answered(frames), h + ": " + describe(frames));
            }
            assertNull(p.backend.requests.poll(500, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aHostThatRepeatsTheAuthorityIsForwardedOnce() throws Exception {
        try (ProxyHarness p = proxy()) {
            exchange(p, frame(HEADERS, END_HEADERS | END_STREAM, 1, headers(get("/x").add("host", "a"))));
            TestBackend.Seen seen = p.backend.requests.poll(2, TimeUnit.SECONDS);
            assertEquals("/x", seen.uri());
        }
    }

    private static Http2Headers get(String path) {
        return new DefaultHttp2Headers(false).method("GET").scheme("http").authority("a").path(path);
    }

    private static List<String> describe(List<Http2LimitsTest.Frame> frames) {
        return frames.stream().map(f -> f.type() + "/" + f.flags() + "/" + f.stream()
                + (f.type() == RST_STREAM || f.type() == 0x7 ? " code " + f.payload().getInt(f.type() == 0x7 ? 4 : 0)
                        : "")).toList();
    }

    private static boolean answered(List<Http2LimitsTest.Frame> frames) {
        return frames.stream().anyMatch(f -> f.type() == HEADERS && f.stream() == 1);
    }
}
