package edgebox.dns.server;

import java.net.InetSocketAddress;

import edgebox.dns.answer.Arrival;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The only handler of the UDP channel: one datagram is one query, sent to the channel's bound address (the
 * datagram's recipient); the reply goes back to its sender from the channel's event loop. Nothing here blocks; a
 * forwarded query answers when its future completes.
 */
@Sharable
final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final QueryProcessor processor;

    UdpHandler(QueryProcessor processor) {
        this.processor = processor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] query = ByteBufUtil.getBytes(packet.content());
        var sender = packet.sender();
        InetSocketAddress local = packet.recipient();
        Arrival arrival = new Arrival(local.getAddress(), local.getPort(), false);
        processor.process(query, sender.getAddress(), arrival).thenAccept(reply -> {
            if (reply == null) {
                return;
            }
            DatagramPacket out = new DatagramPacket(Unpooled.wrappedBuffer(reply), sender);
            if (ctx.executor().inEventLoop()) {
                ctx.writeAndFlush(out, ctx.voidPromise());
            } else {
                ctx.executor().execute(() -> ctx.writeAndFlush(out, ctx.voidPromise()));
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a send error (ICMP unreachable, buffer full) is one client's problem; the socket keeps serving
    }
}
