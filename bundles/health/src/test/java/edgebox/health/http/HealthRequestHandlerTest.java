package edgebox.health.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class HealthRequestHandlerTest {

    private static final class FakeEndpoints implements Endpoints {
        Answer live = new Answer(true, "ok");
        Answer ready = new Answer(true, "ready");

        @Override
        public Answer liveness() {
            return live;
        }

        @Override
        public Answer readiness() {
            return ready;
        }

        @Override
        public void writeMetrics(OutputStream out) throws java.io.IOException {
            out.write("# TYPE edgebox_ready gauge\nedgebox_ready 1\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final PolicyCheck NO_POLICY = new PolicyCheck(() -> null, () -> { }, () -> { });

    private final FakeEndpoints endpoints = new FakeEndpoints();

    /** The handler alone: requests go in already aggregated, responses come out as objects. */
    private FullHttpResponse exchange(HttpMethod method, String uri) {
        EmbeddedChannel ch = new EmbeddedChannel(new HealthRequestHandler(endpoints));
        ch.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        FullHttpResponse r = ch.readOutbound();
        assertFalse(ch.finish() && ch.readOutbound() != null, "one response per request");
        return r;
    }

    private static String body(FullHttpResponse r) {
        try {
            return r.content().toString(StandardCharsets.UTF_8);
        } finally {
            r.release();
        }
    }

    @Test
    void healthzAnswersOkWhileLive() {
        FullHttpResponse r = exchange(HttpMethod.GET, "/healthz");
        assertEquals(HttpResponseStatus.OK, r.status());
        assertEquals("text/plain; charset=utf-8", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("3", r.headers().get(HttpHeaderNames.CONTENT_LENGTH));
        assertEquals("ok\n", body(r));
    }

    @Test
    void healthzAnswers503WithTheReason() {
        endpoints.live = new Endpoints.Answer(false, "function dns DOWN: no listener");
        FullHttpResponse r = exchange(HttpMethod.GET, "/healthz");
        assertEquals(HttpResponseStatus.SERVICE_UNAVAILABLE, r.status());
        assertEquals("function dns DOWN: no listener\n", body(r));
    }

    @Test
    void readyzListsWhatIsNotReady() {
        assertEquals(HttpResponseStatus.OK, exchange(HttpMethod.GET, "/readyz?verbose").status());
        endpoints.ready = new Endpoints.Answer(false, "condition edgebox.config.loaded not registered\nbundle x [3] INSTALLED: missing package y");
        FullHttpResponse r = exchange(HttpMethod.GET, "/readyz");
        assertEquals(HttpResponseStatus.SERVICE_UNAVAILABLE, r.status());
        assertEquals("text/plain; charset=utf-8", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("condition edgebox.config.loaded not registered\nbundle x [3] INSTALLED: missing package y\n", body(r));
    }

    @Test
    void metricsInPrometheusTextFormat() {
        FullHttpResponse r = exchange(HttpMethod.GET, "/metrics");
        assertEquals(HttpResponseStatus.OK, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("# TYPE edgebox_ready gauge\nedgebox_ready 1\n", body(r));
    }

    @Test
    void unknownPathIs404AndOtherMethodsAre405() {
        FullHttpResponse missing = exchange(HttpMethod.GET, "/");
        assertEquals(HttpResponseStatus.NOT_FOUND, missing.status());
        body(missing);
        FullHttpResponse post = exchange(HttpMethod.POST, "/metrics");
        assertEquals(HttpResponseStatus.METHOD_NOT_ALLOWED, post.status());
        assertEquals("GET", post.headers().get(HttpHeaderNames.ALLOW));
        body(post);
        // the canned replies survive being sent many times
        for (int i = 0; i < 3; i++) {
            FullHttpResponse again = exchange(HttpMethod.DELETE, "/healthz");
            assertEquals(HttpResponseStatus.METHOD_NOT_ALLOWED, again.status());
            assertEquals("only GET\n", body(again));
        }
    }

    @Test
    void wholePipelineOverBytesKeepsTheConnectionOpen() {
        EmbeddedChannel ch = new EmbeddedChannel();
        new HealthChannelInitializer(endpoints, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), NO_POLICY)
                .initChannel(ch);
        ch.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(
                "GET /readyz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.US_ASCII));
        StringBuilder wire = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            io.netty.buffer.ByteBuf b = (io.netty.buffer.ByteBuf) o;
            wire.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        String text = wire.toString();
        assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
        assertTrue(text.contains("HTTP/1.1 404 Not Found\r\n"), text);
        assertTrue(ch.isOpen(), "keep-alive");
        ch.finishAndReleaseAll();
    }

    @Test
    void bodyLargerThanTheLimitIsRefused() {
        EmbeddedChannel ch = new EmbeddedChannel();
        new HealthChannelInitializer(endpoints, new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE), NO_POLICY)
                .initChannel(ch);
        int size = HealthChannelInitializer.MAX_CONTENT + 1;
        ch.writeInbound(io.netty.buffer.Unpooled.copiedBuffer("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + size + "\r\n\r\n" + "x".repeat(size), StandardCharsets.US_ASCII));
        io.netty.buffer.ByteBuf out = ch.readOutbound();
        String text = out.toString(StandardCharsets.US_ASCII);
        out.release();
        assertTrue(text.startsWith("HTTP/1.1 413 Request Entity Too Large\r\n"), text);
        ch.finishAndReleaseAll();
    }
}
