package edgebox.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;

/**
 * The DNS listeners on the box's transport: one UDP channel and one TCP listening socket (a {@link ListenerHub}
 * lease, so a bundle update loses no connection attempt) on the same address and port. Bind once, close once;
 * closing also closes the open TCP connections.
 */
public final class DnsServer implements AutoCloseable {

    static final long BIND_TIMEOUT_MILLIS = 5_000;

    private final Channel udp;
    private final ListenerLease tcp;
    private final ChannelGroup connections;

    private DnsServer(Channel udp, ListenerLease tcp, ChannelGroup connections) {
        this.udp = udp;
        this.tcp = tcp;
        this.connections = connections;
    }

    /**
     * Binds UDP, then TCP on the port UDP got (port 0 picks a free one for both). Called from a component's
     * lifecycle thread.
     *
     * @throws IllegalStateException naming the address and the reason when a bind fails
     */
    public static DnsServer bind(Transport transport, ListenerHub hub, String address, int port,
            QueryProcessor processor, int tcpIdleSeconds, int maxQueryBytes) {
        String where = address + ":" + port;
        ChannelFuture f = transport.freeBind(new Bootstrap())
                .group(transport.group())
                .channel(transport.datagramChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(new UdpHandler(processor))
                .bind(new InetSocketAddress(address, port));
        if (!f.awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || !f.isSuccess()) {
            f.channel().close();
            throw new IllegalStateException("edgebox.dns: bind udp " + where + ": "
                    + (f.cause() == null ? "no answer within " + BIND_TIMEOUT_MILLIS + " ms" : f.cause().getMessage()),
                    f.cause());
        }
        int bound = ((InetSocketAddress) f.channel().localAddress()).getPort();
        ChannelGroup connections = new DefaultChannelGroup("edgebox-dns-tcp", transport.group().next());
        try {
            ListenerLease lease = hub.lease(new InetSocketAddress(address, bound),
                    new TcpInitializer(processor, tcpIdleSeconds, maxQueryBytes, connections));
            return new DnsServer(f.channel(), lease, connections);
        } catch (IOException | RuntimeException e) {
            f.channel().close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS);
            throw new IllegalStateException("edgebox.dns: bind tcp " + address + ":" + bound + ": " + e.getMessage(),
                    e);
        }
    }

    public InetSocketAddress udpAddress() {
        return (InetSocketAddress) udp.localAddress();
    }

    public InetSocketAddress tcpAddress() {
        return tcp.address();
    }

    @Override
    public void close() {
        udp.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        tcp.close();
        connections.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
