package edgebox.health.http;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import edgebox.api.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;

/** The listening socket of the health endpoint on the box's transport. Bind once; close once. */
public final class HealthServer implements AutoCloseable {

    static final long BIND_TIMEOUT_MILLIS = 5_000;

    private final Channel channel;
    private final ChannelGroup connections;

    private HealthServer(Channel channel, ChannelGroup connections) {
        this.channel = channel;
        this.connections = connections;
    }

    /**
     * Binds {@code address:port}, waiting at most five seconds. Called from a component's lifecycle thread, never
     * from an event loop.
     *
     * @throws IllegalStateException naming the address and the reason when the bind fails
     */
    public static HealthServer bind(Transport transport, String address, int port, Endpoints endpoints,
            PolicyCheck policy) {
        ChannelGroup connections = new DefaultChannelGroup("edgebox-health", transport.group().next());
        ChannelFuture f = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new HealthChannelInitializer(endpoints, connections, policy))
                .bind(new InetSocketAddress(address, port));
        if (!f.awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            f.cancel(false);
            f.channel().close();
            throw new IllegalStateException("bind " + address + ":" + port + ": no answer within "
                    + BIND_TIMEOUT_MILLIS + " ms");
        }
        if (!f.isSuccess()) {
            throw new IllegalStateException("bind " + address + ":" + port + ": " + f.cause().getMessage(), f.cause());
        }
        return new HealthServer(f.channel(), connections);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** Closes the listener and every open connection, so a rebind leaves nothing served on the old address. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        connections.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
