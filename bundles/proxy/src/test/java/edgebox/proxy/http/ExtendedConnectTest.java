package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Stream;
import org.junit.jupiter.api.Test;

/** {@link ExtendedConnect} on an EmbeddedChannel: the first HEADERS frame in, what goes on to the codec out. */
class ExtendedConnectTest {

    private static final Http2FrameStream STREAM = new Http2FrameStream() {
        @Override
        public int id() {
            return 3;
        }

        @Override
        public Http2Stream.State state() {
            return Http2Stream.State.OPEN;
        }
    };

    private static Http2HeadersFrame frame(Http2Headers h, boolean endStream) {
        return new DefaultHttp2HeadersFrame(h, endStream).stream(STREAM);
    }

    private static Http2Headers connect(String protocol) {
        return new DefaultHttp2Headers().method("CONNECT").scheme("https").authority("chat.example").path("/ws?room=1")
                .set(":protocol", protocol).add("sec-websocket-version", "13")
                .add("sec-websocket-protocol", "chat").add("sec-websocket-extensions", "permessage-deflate");
    }

    @Test
    void aWebSocketConnectBecomesTheHttp11HandshakeAndTheHandlerLeaves() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExtendedConnect());
        ch.writeInbound(frame(connect("websocket"), false));
        HttpRequest r = ch.readInbound();
        assertEquals(HttpMethod.GET, r.method());
        assertEquals("/ws?room=1", r.uri());
        assertEquals("chat.example", r.headers().get("host"));
        assertEquals("websocket", r.headers().get("upgrade"));
        assertEquals("upgrade", r.headers().get("connection"));
        assertTrue(r.headers().get("sec-websocket-key").matches("[A-Za-z0-9+/]{22}=="));
        assertEquals("13", r.headers().get("sec-websocket-version"));
        assertEquals("chat", r.headers().get("sec-websocket-protocol"));
        assertEquals("permessage-deflate", r.headers().get("sec-websocket-extensions"));
        assertNull(r.headers().get("transfer-encoding"));
        assertFalse(r instanceof LastHttpContent);
        assertTrue(HeaderRules.isWebSocketUpgrade(r.headers()));
        assertNull(ch.pipeline().get(ExtendedConnect.class));
        DefaultHttp2DataFrame data = new DefaultHttp2DataFrame(true);
        ch.writeInbound(data);
        assertSame(data, ch.readInbound());
    }

    @Test
    void aConnectThatEndsItsStreamIsAWholeRequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExtendedConnect());
        ch.writeInbound(frame(connect("WebSocket"), true));
        HttpRequest r = ch.readInbound();
        assertEquals(HttpMethod.GET, r.method());
        assertSame(LastHttpContent.EMPTY_LAST_CONTENT, ch.readInbound());
    }

    @Test
    void anotherProtocolGoesOnUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExtendedConnect());
        Http2HeadersFrame f = frame(connect("connect-udp"), false);
        ch.writeInbound(f);
        Http2HeadersFrame out = ch.readInbound();
        assertSame(f, out);
        assertEquals("CONNECT", out.headers().method().toString());
        assertEquals("connect-udp", out.headers().get(":protocol").toString());
    }

    @Test
    void aProtocolOnAGetIsAStreamProtocolError() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExtendedConnect());
        Http2Headers get = new DefaultHttp2Headers().method("GET").scheme("http").authority("a").path("/")
                .set(":protocol", "websocket");
        Http2Exception e = assertThrows(Http2Exception.class, () -> ch.writeInbound(frame(get, true)));
        assertEquals(Http2Error.PROTOCOL_ERROR, e.error());
        assertNull(ch.readInbound());
    }

    @Test
    void aRequestWithoutProtocolGoesOnUntouched() {
        EmbeddedChannel ch = new EmbeddedChannel(new ExtendedConnect());
        Http2HeadersFrame f = frame(new DefaultHttp2Headers().method("GET").scheme("http").authority("a").path("/"),
                true);
        ch.writeInbound(f);
        assertSame(f, ch.readInbound());
    }
}
