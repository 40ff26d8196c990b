package edgebox.net;

import java.util.concurrent.TimeUnit;

import edgebox.api.net.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
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
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** One event loop group of the chosen kind and the channel classes that run on it. Owns the group. */
final class NettyTransport implements Transport, AutoCloseable {

    private final TransportKind kind;
    private final int threads;
    private final MultiThreadIoEventLoopGroup group;
    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends DatagramChannel> datagramChannel;

    NettyTransport(TransportKind kind, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("edgebox.net: threads: " + threads + " must be at least 1");
        }
        this.kind = kind;
        this.threads = threads;
        IoHandlerFactory handlers;
        switch (kind) {
            case IO_URING -> {
                handlers = IoUringIoHandler.newFactory();
                serverChannel = IoUringServerSocketChannel.class;
                socketChannel = IoUringSocketChannel.class;
                datagramChannel = IoUringDatagramChannel.class;
            }
            case EPOLL -> {
                handlers = EpollIoHandler.newFactory();
                serverChannel = EpollServerSocketChannel.class;
                socketChannel = EpollSocketChannel.class;
                datagramChannel = EpollDatagramChannel.class;
            }
            default -> {
                handlers = NioIoHandler.newFactory();
                serverChannel = NioServerSocketChannel.class;
                socketChannel = NioSocketChannel.class;
                datagramChannel = NioDatagramChannel.class;
            }
        }
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("edgebox-" + kind.label()), handlers);
    }

    int threads() {
        return threads;
    }

    @Override
    public String name() {
        return kind.label();
    }

    @Override
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannel() {
        return datagramChannel;
    }

    /** Shuts the group down: a short quiet period, then at most {@code timeoutMillis}. True when it terminated. */
    boolean shutdown(long timeoutMillis) {
        group.shutdownGracefully(50, timeoutMillis, TimeUnit.MILLISECONDS);
        return group.terminationFuture().awaitUninterruptibly(timeoutMillis + 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        shutdown(2_000);
    }

    @Override
    public String toString() {
        return kind.label() + " x" + threads;
    }

    @Override
    public boolean reusePort(io.netty.bootstrap.AbstractBootstrap<?, ?> bootstrap) {
        switch (kind.label()) {
            case "io_uring" -> bootstrap.option(io.netty.channel.uring.IoUringChannelOption.SO_REUSEPORT, true);
            case "epoll" -> bootstrap.option(io.netty.channel.epoll.EpollChannelOption.SO_REUSEPORT, true);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** IP_FREEBIND on the native transports; on NIO a non-local address fails to bind. */
    @Override
    public <B extends io.netty.bootstrap.AbstractBootstrap<B, ?>> B freeBind(B bootstrap) {
        switch (kind.label()) {
            case "io_uring" -> bootstrap.option(io.netty.channel.uring.IoUringChannelOption.IP_FREEBIND, true);
            case "epoll" -> bootstrap.option(io.netty.channel.epoll.EpollChannelOption.IP_FREEBIND, true);
            default -> { }
        }
        return bootstrap;
    }
}
