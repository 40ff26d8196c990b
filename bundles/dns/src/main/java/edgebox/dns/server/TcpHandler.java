package edgebox.dns.server;

import java.net.InetSocketAddress;

import edgebox.dns.answer.Arrival;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The last handler of a DNS-over-TCP connection, after the idle timer and the 2-byte length framing (RFC 7766):
 * each frame is one query; several may be in flight and their replies may come back out of order. Past
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
        byte[] query = ByteBufUtil.getBytes(frame);
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        if (++inFlight >= MAX_IN_FLIGHT) {
            ctx.channel().config().setAutoRead(false);
        }
        Arrival arrival = new Arrival(local.getAddress(), local.getPort(), true);
        processor.process(query, remote.getAddress(), arrival).thenAccept(reply -> {
            if (ctx.executor().inEventLoop()) {
                send(ctx, reply);
            } else {
                ctx.executor().execute(() -> send(ctx, reply));
            }
        });
    }

    private void send(ChannelHandlerContext ctx, byte[] reply) {
        if (--inFlight < MAX_IN_FLIGHT && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (reply != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(reply), ctx.voidPromise());
        }
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
