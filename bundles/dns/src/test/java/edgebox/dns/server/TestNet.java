package edgebox.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** NIO stand-ins for the net bundle's Transport and ListenerHub, for socket tests on loopback. */
public final class TestNet implements Transport, ListenerHub, AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return NioServerSocketChannel.class;
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
        return NioSocketChannel.class;
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannel() {
        return NioDatagramChannel.class;
    }

    @Override
    public ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException {
        var f = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(childInitializer)
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
