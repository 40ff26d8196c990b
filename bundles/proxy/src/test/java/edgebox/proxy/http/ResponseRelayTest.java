package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

/** {@link ResponseRelay} on an EmbeddedChannel (an HTTP/1.1 connection): flushes, closes, Connection fields. */
class ResponseRelayTest {

    private static final Conn CONN = new Conn(new InetSocketAddress("127.0.0.1", 8080), null, "http", "",
            "HTTP/1.1", new InetSocketAddress("127.0.0.1", 40000), "test/gw");

    private final DownstreamHandler handler = new DownstreamHandler(new DataPath(Limits.defaults(), () -> null, null,
            null, () -> null, new AcmeTokens(), new Connections(10, null), new AccessLog(false, null, 1), null), CONN,
            true);
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);
    private final ResponseRelay relay = new ResponseRelay(handler, channel.pipeline().context(handler), CONN, true, 0);

    @Test
    void aWholeAnswerThatDoesNotKeepTheConnectionSaysCloseAndClosesIt() {
        relay.whole(LocalResponses.text(404, "no route", false), false, HttpVersion.HTTP_1_1);
        FullHttpResponse r = channel.readOutbound();
        assertEquals("close", r.headers().get(HttpHeaderNames.CONNECTION));
        r.release();
        assertFalse(channel.isOpen());
    }

    @Test
    void aWholeAnswerKeepsTheConnectionAndTellsAnHttp10ClientSo() {
        relay.whole(LocalResponses.text(404, "no route", false), true, HttpVersion.HTTP_1_1);
        FullHttpResponse r = channel.readOutbound();
        assertNull(r.headers().get(HttpHeaderNames.CONNECTION));
        r.release();
        relay.whole(LocalResponses.text(404, "no route", false), true, HttpVersion.HTTP_1_0);
        r = channel.readOutbound();
        assertEquals("keep-alive", r.headers().get(HttpHeaderNames.CONNECTION));
        r.release();
        assertTrue(channel.isOpen());
        channel.finishAndReleaseAll();
    }

    @Test
    void partsWaitForTheFlushAndReportAFullChannel() {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 2048));
        assertTrue(relay.part(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[8]))));
        assertFalse(relay.part(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[4096]))), "over the high mark");
        assertNull(channel.readOutbound(), "nothing flushed yet");
        relay.flush();
        assertTrue(channel.isWritable());
        ReferenceCountUtil.release(channel.readOutbound());
        ReferenceCountUtil.release(channel.readOutbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void theLastPartIsFlushedAndClosesTheConnectionWhenAsked() {
        relay.end(LastHttpContent.EMPTY_LAST_CONTENT, false);
        assertEquals(LastHttpContent.EMPTY_LAST_CONTENT, channel.readOutbound());
        assertTrue(channel.isOpen());
        relay.end(LastHttpContent.EMPTY_LAST_CONTENT, true);
        assertEquals(LastHttpContent.EMPTY_LAST_CONTENT, channel.readOutbound());
        assertFalse(channel.isOpen());
    }
}
