package edgebox.dns.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import edgebox.dns.answer.Arrival;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last handler of a DNS-over-TCP connection, after the idle timer and the 2-byte length framing (RFC 7766):
 * each frame is one query; several may be in flight and their replies may come back out of order (those ready at
 * once go out at the end of the read batch, forwarded ones when they are ready). Past
 * {@value #MAX_IN_FLIGHT} unanswered queries it stops reading until one is answered. Idle or broken connections
 * close.
 */
final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {

    static final int MAX_IN_FLIGHT = 64;

    private final QueryProcessor processor;
    private int inFlight;

    TcpHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        Arrival arrival = new Arrival(local.getAddress(), local.getPort(), true);
        CompletableFuture<ByteBuf> reply = processor.process(frame, remote.getAddress(), arrival, ctx.alloc());
        if (reply.isDone()) {
            ByteBuf now = reply.join();
            if (now != null && now.isReadable()) {
                ctx.write(now, ctx.voidPromise());
            }
            return;
        }
        if (++inFlight >= MAX_IN_FLIGHT) {
            ctx.channel().config().setAutoRead(false);
        }
        reply.thenAccept(later -> {
            if (ctx.executor().inEventLoop()) {
                send(ctx, later);
            } else {
                ctx.executor().execute(() -> send(ctx, later));
            }
        });
    }

    private void send(ChannelHandlerContext ctx, ByteBuf reply) {
        if (--inFlight < MAX_IN_FLIGHT && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (reply != null && reply.isReadable() && ctx.channel().isActive()) {
            ctx.writeAndFlush(reply, ctx.voidPromise());
        } else if (reply != null) {
            reply.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
