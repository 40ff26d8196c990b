package edgebox.proxy.http;

import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.upstream.Upstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * A WebSocket after the backend answered 101: the answer goes to the client, then both pipelines drop their HTTP
 * codecs and relay bytes as they are, each side's autoRead following the other's writability. On HTTP/1.1 the client
 * gets the 101; on an HTTP/2 stream (an extended CONNECT, RFC 8441) it gets 200 and {@link StreamBytes} turns DATA
 * frames into bytes and back, so the stream's flow control window holds back a client the backend cannot keep up
 * with. The ends map as RFC 8441 5 says: the client's END_STREAM half-closes the backend connection; the backend's
 * close ends the stream with END_STREAM (it closes when the client ends it too, or at the idle timeout); a reset
 * stream closes the backend connection.
 */
final class Tunnel extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    private Tunnel(Channel peer) {
        this.peer = peer;
    }

    /**
     * Sends {@code switching} (with the route's header {@code changes}) down {@code ctx}, whose pipeline then drops
     * {@code proxyHandler} and the HTTP codecs, and ties the downstream channel and {@code upstream}'s together.
     */
    static void open(ChannelHandlerContext ctx, ChannelHandler proxyHandler, Upstream upstream,
            HttpResponse switching, HeaderChanges changes, long idleMillis) {
        Channel up = upstream.channel();
        Channel down = ctx.channel();
        HeaderRules.apply(switching.headers(), changes);
        ctx.writeAndFlush(switching);
        ChannelPipeline dp = down.pipeline();
        if (idleMillis > 0) {
            dp.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        }
        dp.addLast(new Tunnel(up));
        removeIf(dp, dp.get(HttpServerUpgradeHandler.class));
        removeIf(dp, dp.get(ServerCodec.class));
        removeIf(dp, proxyHandler);
        upstream.tunnel(new Tunnel(down));
    }

    /**
     * As {@link #open} for an HTTP/2 stream: {@code switching} goes down as a 200 HEADERS frame without the
     * handshake's connection fields and Sec-WebSocket-Accept (RFC 8441 5), then the stream's pipeline drops its HTTP
     * handlers for {@link StreamBytes} and the tunnel; {@code clientEnded}: the client's END_STREAM came already, so
     * the backend connection is half-closed at once.
     */
    static void openStream(ChannelHandlerContext ctx, ChannelHandler proxyHandler, Upstream upstream,
            HttpResponse switching, HeaderChanges changes, long idleMillis, boolean clientEnded) {
        Channel up = upstream.channel();
        Channel down = ctx.channel();
        HttpHeaders h = switching.headers();
        HeaderRules.apply(h, changes);
        HeaderRules.stripHopByHop(h, false);
        h.remove(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
        h.remove(HttpHeaderNames.CONTENT_LENGTH);
        ctx.writeAndFlush(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, h));
        ChannelPipeline dp = down.pipeline();
        dp.addLast(new StreamBytes());
        if (idleMillis > 0) {
            dp.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
        }
        dp.addLast(new Tunnel(up));
        removeIf(dp, dp.get(Http2StreamFrameToHttpObjectCodec.class));
        removeIf(dp, dp.get(StreamLengthGate.class));
        removeIf(dp, proxyHandler);
        upstream.tunnel(new Tunnel(down));
        if (clientEnded) {
            halfClose(up);
        }
    }

    private static void removeIf(ChannelPipeline p, ChannelHandler h) {
        if (h != null && p.context(h) != null) {
            p.remove(h);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            peer.write(buf, peer.voidPromise());
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        peer.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    /** Idleness and a drain close the tunnel; the client's END_STREAM ({@link StreamBytes}) half-closes the peer. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else if (evt == Connections.DRAIN) {
            ctx.close();
        } else if (evt == ChannelInputShutdownEvent.INSTANCE) {
            halfClose(peer);
        }
        ReferenceCountUtil.release(evt);
    }

    /** What was written goes out, then the socket's output is shut down (the backend reads its end). */
    private static void halfClose(Channel socket) {
        socket.flush();
        if (socket instanceof DuplexChannel duplex) {
            duplex.shutdownOutput();
        } else {
            socket.close();
        }
    }

    /** This side closed: the peer gets what is written, then closes, or, an HTTP/2 stream, ends with END_STREAM. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (peer instanceof Http2StreamChannel) {
            StreamBytes.end(peer);
        } else {
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
