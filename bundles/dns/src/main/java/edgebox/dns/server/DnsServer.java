package edgebox.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;

/**
 * The DNS listeners on the box's transport: UDP sockets and one TCP listening socket (a {@link ListenerHub} lease, so
 * a bundle update loses no connection attempt) on the same address and port. Where the transport has SO_REUSEPORT
 * there is one UDP socket per event loop, each served by its own loop, so queries spread over the cores by their
 * source; on NIO one. Bind once, close once; closing also closes the open TCP connections.
 */
public final class DnsServer implements AutoCloseable {

    static final long BIND_TIMEOUT_MILLIS = 5_000;

    private final List<Channel> udp;
    private final ListenerLease tcp;
    private final ChannelGroup connections;

    private DnsServer(List<Channel> udp, ListenerLease tcp, ChannelGroup connections) {
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
        UdpHandler handler = new UdpHandler(processor);
        List<Channel> udp = new ArrayList<>();
        try {
            for (EventExecutor loop : transport.group()) {
                Bootstrap b = transport.freeBind(new Bootstrap()).group((EventLoop) loop)
                        .channel(transport.datagramChannel())
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .handler(handler);
                boolean shared = transport.reusePort(b);
                udp.add(bindUdp(b, address, udp.isEmpty() ? port : port(udp.get(0))));
                if (!shared) {
                    break;
                }
            }
        } catch (IllegalStateException e) {
            close(udp);
            throw e;
        }
        int bound = port(udp.get(0));
        ChannelGroup connections = new DefaultChannelGroup("edgebox-dns-tcp", transport.group().next());
        try {
            ListenerLease lease = hub.lease(new InetSocketAddress(address, bound),
                    new TcpInitializer(processor, tcpIdleSeconds, maxQueryBytes, connections));
            return new DnsServer(List.copyOf(udp), lease, connections);
        } catch (IOException | RuntimeException e) {
            close(udp);
            throw new IllegalStateException("edgebox.dns: bind tcp " + address + ":" + bound + ": " + e.getMessage(),
                    e);
        }
    }

    private static Channel bindUdp(Bootstrap b, String address, int port) {
        ChannelFuture f = b.bind(new InetSocketAddress(address, port));
        if (!f.awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) || !f.isSuccess()) {
            f.channel().close();
            throw new IllegalStateException("edgebox.dns: bind udp " + address + ":" + port + ": "
                    + (f.cause() == null ? "no answer within " + BIND_TIMEOUT_MILLIS + " ms" : f.cause().getMessage()),
                    f.cause());
        }
        return f.channel();
    }

    private static int port(Channel c) {
        return ((InetSocketAddress) c.localAddress()).getPort();
    }

    private static void close(List<Channel> channels) {
        for (Channel c : channels) {
            c.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    public InetSocketAddress udpAddress() {
        return (InetSocketAddress) udp.get(0).localAddress();
    }

    /** How many UDP sockets share the address: one per event loop with SO_REUSEPORT, else one. */
    public int udpSockets() {
        return udp.size();
    }

    public InetSocketAddress tcpAddress() {
        return tcp.address();
    }

    @Override
    public void close() {
        close(udp);
        tcp.close();
        connections.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
