package edgebox.api.net;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

/** One function's hold on a listening socket of the {@link ListenerHub}. */
@ProviderType
public interface ListenerLease extends AutoCloseable {

    /** The bound address, with the actual port when port 0 was asked for. */
    InetSocketAddress address();

    /**
     * Stops handing new connections to this lease's handler. The socket stays bound for the hub's grace period
     * so a successor can take it over; connections already accepted are the leaseholder's to drain and close.
     */
    @Override
    void close();
}
