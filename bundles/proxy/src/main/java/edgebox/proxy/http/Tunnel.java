package edgebox.proxy.http;

import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.upstream.Upstream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * A WebSocket (HTTP/1.1 Upgrade) after the backend answered 101: the 101 goes to the client, then both pipelines
 * drop their HTTP codecs and relay bytes as they are, each side's autoRead following the other's writability.
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

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else if (evt == Connections.DRAIN) {
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
