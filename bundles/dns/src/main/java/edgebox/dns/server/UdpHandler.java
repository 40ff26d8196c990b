package edgebox.dns.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

import edgebox.dns.answer.Arrival;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The only handler of the UDP channel: one datagram is one query, sent to the channel's bound address (the
 * datagram's recipient); the reply goes back to its sender from the channel's event loop. Replies ready at once (from
 * the processor's memo or local data) go out together when the read batch ends; forwarded ones when they are ready. Nothing here blocks; a forwarded query answers when its future
 * completes.
 */
@Sharable
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final QueryProcessor processor;

    UdpHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        var sender = packet.sender();
        InetSocketAddress local = packet.recipient();
        Arrival arrival = new Arrival(local.getAddress(), local.getPort(), false);
        CompletableFuture<ByteBuf> reply = processor.process(packet.content(), sender.getAddress(), arrival,
                ctx.alloc());
        if (reply.isDone()) {
            ByteBuf now = reply.join();
            if (now != null && now.isReadable()) {
                ctx.write(new DatagramPacket(now, sender), ctx.voidPromise());
            }
            return;
        }
        reply.thenAccept(later -> {
            if (later == null || !later.isReadable()) {
                return;
            }
            DatagramPacket out = new DatagramPacket(later, sender);
            if (ctx.executor().inEventLoop()) {
                ctx.writeAndFlush(out, ctx.voidPromise());
            } else {
                ctx.executor().execute(() -> ctx.writeAndFlush(out, ctx.voidPromise()));
            }
        });
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a send error (ICMP unreachable, buffer full) is one client's problem; the socket keeps serving
    }
}
