package edgebox.api.net;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The box's one set of netty event loops and the channel classes that go with them: io_uring where the kernel
 * has it, else epoll, else NIO. Functions bind their listeners and open their upstream connections on it, so a
 * two-core box runs two event loops in all rather than two per function. The group belongs to the provider: users
 * close their channels on deactivate and never shut the group down.
 */
@ProviderType
public interface Transport {

    /** {@code io_uring}, {@code epoll} or {@code nio}. */
    String name();

    EventLoopGroup group();

    Class<? extends ServerChannel> serverChannel();

    Class<? extends SocketChannel> socketChannel();

    Class<? extends DatagramChannel> datagramChannel();

    /**
     * Sets IP_FREEBIND on {@code bootstrap} where the transport has it (io_uring, epoll): a virtual IP then binds
     * before the L2 function has put it on an interface. On NIO it is returned as it is.
     */
    default <B extends AbstractBootstrap<B, ?>> B freeBind(B bootstrap) {
        return bootstrap;
    }

    /**
     * Sets SO_REUSEPORT on {@code bootstrap} where the transport has it (io_uring, epoll) and returns true: several
     * sockets, one per event loop, may then share an address, and the kernel spreads datagrams over them by their
     * source. False on NIO, bootstrap unchanged: bind one socket.
     */
    default boolean reusePort(AbstractBootstrap<?, ?> bootstrap) {
        return false;
    }
}
