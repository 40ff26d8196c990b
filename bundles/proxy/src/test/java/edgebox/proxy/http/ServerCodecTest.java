package edgebox.proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

/** {@link ServerCodec} and its {@link RequestDecoder} on an EmbeddedChannel. */
class ServerCodecTest {

    private static EmbeddedChannel channel(Limits limits) {
        return new EmbeddedChannel(new ServerCodec(limits));
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static HttpRequest head(EmbeddedChannel ch) {
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            if (o instanceof HttpRequest r) {
                return r;
            }
            ReferenceCountUtil.release(o);
        }
        return null;
    }

    @Test
    void foldedHeaderLineIsInvalidEvenWhenSplitAcrossReads() {
        EmbeddedChannel ch = channel(Limits.defaults());
        ch.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n"));
        ch.writeInbound(bytes("\tmore\r\n\r\n"));
        HttpRequest r = head(ch);
        assertTrue(r.decoderResult().isFailure());
        assertTrue(r.decoderResult().cause().getMessage().contains("folding"));
        ch.finishAndReleaseAll();
    }

    @Test
    void leadingBlankLinesAndBodiesWithSpacesAreNotFolding() {
        EmbeddedChannel ch = channel(Limits.defaults());
        ch.writeInbound(bytes("\r\nPOST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n  ab"
                + "GET /y HTTP/1.1\r\nHost: a\r\n\r\n"));
        List<String> uris = new ArrayList<>();
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            if (o instanceof HttpRequest r) {
                assertTrue(r.decoderResult().isSuccess(), r.decoderResult().toString());
                uris.add(r.uri());
            }
            ReferenceCountUtil.release(o);
        }
        assertEquals(List.of("/x", "/y"), uris);
        ch.finishAndReleaseAll();
    }

    @Test
    void contentLengthWithTransferEncodingIsInvalid() {
        EmbeddedChannel ch = channel(Limits.defaults());
        ch.writeInbound(bytes("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"));
        assertTrue(head(ch).decoderResult().isFailure());
        ch.finishAndReleaseAll();
    }

    @Test
    void headTimeoutFiresOnlyForAStartedHead() {
        List<Object> events = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ServerCodec(Limits.defaults().withHeaderReadTimeout(100)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }
                });
        ch.advanceTimeBy(500, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(events.isEmpty(), "no bytes, no head timer");
        ch.writeInbound(bytes("GET / HTTP/1.1\r\nHo"));
        ch.advanceTimeBy(150, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertEquals(List.of(RequestDecoder.HEAD_TIMEOUT), events);
        ch.finishAndReleaseAll();
    }

    @Test
    void completedHeadCancelsTheTimer() {
        List<Object> events = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ServerCodec(Limits.defaults().withHeaderReadTimeout(100)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                });
        ch.writeInbound(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
        ch.advanceTimeBy(150, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(events.isEmpty());
        ch.finishAndReleaseAll();
    }

    @Test
    void responseToHeadHasNoBodyFraming() {
        EmbeddedChannel ch = channel(Limits.defaults());
        ch.writeInbound(bytes("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertFalse(head(ch).decoderResult().isFailure());
        DefaultHttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        ch.writeOutbound(r, LastHttpContent.EMPTY_LAST_CONTENT);
        StringBuilder out = new StringBuilder();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        assertTrue(out.toString().endsWith("\r\n\r\n"), out.toString());
        assertFalse(out.toString().contains("0\r\n\r\n"), out.toString());
        assertNull(ch.readOutbound());
        ch.finishAndReleaseAll();
    }
}
