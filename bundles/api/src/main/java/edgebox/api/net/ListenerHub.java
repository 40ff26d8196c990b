package edgebox.api.net;

import java.io.IOException;
import java.net.InetSocketAddress;

import io.netty.channel.ChannelHandler;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Listening sockets that outlive the bundle that uses them. A function leases an address with the handler that
 * sets up each accepted connection; when it lets go (its bundle stops or is updated) the socket stays bound and
 * stops accepting, so new connections wait in the kernel's backlog until the next lease for the same address
 * takes them. Nothing is refused while a function is replaced. A socket nobody leases again within the hub's
 * grace period is closed.
 */
@ProviderType
public interface ListenerHub {

    /**
     * Takes the listening socket for {@code address}, binding it if the hub holds none.
     *
     * @param address          where to listen; port 0 binds an ephemeral port (see {@link ListenerLease#address()})
     * @param childInitializer a {@code @Sharable} handler added to each accepted channel's pipeline, usually a
     *                         {@code ChannelInitializer}
     * @throws IOException when the address cannot be bound, or another lease holds it now
     */
    ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException;
}
