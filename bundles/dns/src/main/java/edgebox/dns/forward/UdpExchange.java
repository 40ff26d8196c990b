package edgebox.dns.forward;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

import org.xbill.DNS.Message;

import edgebox.dns.cache.DnsWire;

/**
 * One query to one upstream over UDP, on a channel of its own: a fresh socket gives a random source port, and the
 * channel is connected, so the kernel drops datagrams from other sources. The only handler of that channel: it
 * parses each datagram, ignores any that is not the reply to the sent query (wrong ID or question: a spoofing
 * attempt or a stray) and completes with the first that is. A timer on the channel's event loop bounds the wait;
 * the channel closes either way.
 */
final class UdpExchange extends SimpleChannelInboundHandler<DatagramPacket> {

    private final Upstream upstream;
    private final Message sent;
    private final CompletableFuture<UpstreamReply> result = new CompletableFuture<>();

    private UdpExchange(Upstream upstream, Message sent) {
        this.upstream = upstream;
        this.sent = sent;
    }

    /** Sends {@code sent} to {@code upstream}; {@code open} holds the channel while the exchange runs. */
    static CompletableFuture<UpstreamReply> send(Bootstrap udp, Upstream upstream, Message sent, int timeoutMillis,
            Set<Channel> open) {
        UdpExchange exchange = new UdpExchange(upstream, sent);
        byte[] bytes = sent.toWire();
        ChannelFuture connect = udp.clone().handler(exchange).connect(upstream.address());
        Channel channel = connect.channel();
        open.add(channel);
        channel.closeFuture().addListener(f -> open.remove(channel));
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                exchange.fail("cannot open a UDP socket: " + f.cause(), f.cause());
                channel.close();
                return;
            }
            var timer = channel.eventLoop().schedule(
                    () -> exchange.result.completeExceptionally(
                            UpstreamException.timeout(upstream, timeoutMillis, "UDP")),
                    timeoutMillis, TimeUnit.MILLISECONDS);
            exchange.result.whenComplete((r, e) -> {
                timer.cancel(false);
                channel.close();
            });
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(w -> {
                if (!w.isSuccess()) {
                    exchange.fail("UDP send failed: " + w.cause(), w.cause());
                }
            });
        });
        return exchange.result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] wire = ByteBufUtil.getBytes(packet.content());
        Message reply;
        try {
            reply = DnsWire.parseReply(wire);
        } catch (IOException e) {
            return;
        }
        if (UpstreamQuery.matches(sent, reply)) {
            result.complete(new UpstreamReply(upstream, wire, reply));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail("UDP error: " + cause, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail("UDP channel closed", null);
    }

    private void fail(String reason, Throwable cause) {
        result.completeExceptionally(new UpstreamException(upstream, reason, cause));
    }
}
