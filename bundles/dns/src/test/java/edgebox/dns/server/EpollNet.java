package edgebox.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;

/** The net bundle's Transport as it is on epoll, with {@code loops} event loops and SO_REUSEPORT, for socket tests. */
final class EpollNet implements Transport, ListenerHub, AutoCloseable {

    final EventLoopGroup group;

    EpollNet(int loops) {
        group = new MultiThreadIoEventLoopGroup(loops, EpollIoHandler.newFactory());
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return EpollServerSocketChannel.class;
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
        return EpollSocketChannel.class;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannel() {
        return EpollDatagramChannel.class;
    }

    @Override
    public boolean reusePort(AbstractBootstrap<?, ?> bootstrap) {
        bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        return true;
    }

    @Override
    public ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException {
        var f = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .childHandler(childInitializer).bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException(f.cause());
        }
        Channel ch = f.channel();
        return new ListenerLease() {
            @Override
            public InetSocketAddress address() {
                return (InetSocketAddress) ch.localAddress();
            }

            @Override
            public void close() {
                ch.close().awaitUninterruptibly();
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
