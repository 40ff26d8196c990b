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
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Stand-ins for the net bundle's Transport and ListenerHub, for socket tests on loopback: NIO with two event loops,
 * or {@link #epoll} with SO_REUSEPORT as the box has it.
 */
public final class TestNet implements Transport, ListenerHub, AutoCloseable {

    final EventLoopGroup group;
    private final boolean epoll;

    public TestNet() {
        this(NioIoHandler.newFactory(), 2, false);
    }

    private TestNet(IoHandlerFactory handlers, int loops, boolean epoll) {
        this.group = new MultiThreadIoEventLoopGroup(loops, handlers);
        this.epoll = epoll;
    }

    /** On epoll with {@code loops} event loops and SO_REUSEPORT. */
    static TestNet epoll(int loops) {
        return new TestNet(EpollIoHandler.newFactory(), loops, true);
    }

    @Override
    public String name() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    @Override
    public boolean reusePort(AbstractBootstrap<?, ?> bootstrap) {
        if (epoll) {
            bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        return epoll;
    }

    @Override
    public ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException {
        var f = new ServerBootstrap().group(group).channel(serverChannel()).childHandler(childInitializer)
                .bind(address).awaitUninterruptibly();
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
