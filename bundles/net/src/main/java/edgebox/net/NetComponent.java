package edgebox.net;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import edgebox.api.net.Transport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Provides the box's one {@link Transport}. A configuration change re-creates the component (no @Modified): users
 * hold channels on the old group, and DS rebinds them to the new one.
 */
@Component(immediate = true, configurationPid = NetComponent.PID, service = Transport.class)
@Designate(ocd = NetConfig.class)
public final class NetComponent implements Transport {

    static final String PID = "edgebox.net";
    static final long SHUTDOWN_MILLIS = 3_000;
    private static final Logger LOG = System.getLogger(PID);

    private final NettyTransport transport;

    @Activate
    public NetComponent(NetConfig config) {
        TransportKind requested = TransportKind.parse(config.transport());
        int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        TransportSelector.Selection selection = new TransportSelector(NativeTransports::unavailability).select(requested);
        transport = new NettyTransport(selection.kind(), threads);
        LOG.log(selection.passedOver().isEmpty() ? Level.INFO : Level.WARNING,
                "edgebox.net: transport " + selection.describe() + ", " + threads + " event loop threads"
                        + (requested == null ? " (auto)" : " (requested " + requested.label() + ")"));
    }

    @Deactivate
    void deactivate() {
        if (!transport.shutdown(SHUTDOWN_MILLIS)) {
            LOG.log(Level.WARNING, "edgebox.net: event loop group " + transport + " did not terminate within "
                    + SHUTDOWN_MILLIS + " ms");
        }
    }

    @Override
    public String name() {
        return transport.name();
    }

    @Override
    public EventLoopGroup group() {
        return transport.group();
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
        return transport.serverChannel();
    }

    @Override
    public Class<? extends SocketChannel> socketChannel() {
        return transport.socketChannel();
    }

    @Override
    public Class<? extends DatagramChannel> datagramChannel() {
        return transport.datagramChannel();
    }

    @Override
    public <B extends io.netty.bootstrap.AbstractBootstrap<B, ?>> B freeBind(B bootstrap) {
        return transport.freeBind(bootstrap);
    }

    @Override
    public boolean reusePort(io.netty.bootstrap.AbstractBootstrap<?, ?> bootstrap) {
        return transport.reusePort(bootstrap);
    }
}
