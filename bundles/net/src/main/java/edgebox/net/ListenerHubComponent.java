package edgebox.net;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import io.netty.channel.ChannelHandler;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Provides the {@link ListenerHub} on the box's {@link Transport}. A change of the grace period applies to the
 * next lease closed; a new Transport (its configuration changed) re-creates the hub and closes its sockets.
 */
@Component(immediate = true, configurationPid = ListenerHubComponent.PID, service = ListenerHub.class)
@Designate(ocd = ListenersConfig.class)
public final class ListenerHubComponent implements ListenerHub {

    static final String PID = "edgebox.net.listeners";
    private static final Logger LOG = System.getLogger(PID);

    private final ListenerSockets sockets;

    @Activate
    public ListenerHubComponent(@Reference Transport transport, ListenersConfig config) {
        sockets = new ListenerSockets(transport, config.graceSeconds() * 1000L, ListenerHubComponent::holderName);
        LOG.log(Level.INFO, PID + ": listener hub on " + transport.name() + ", grace " + config.graceSeconds() + " s");
    }

    @Modified
    void modified(ListenersConfig config) {
        sockets.setGraceMillis(config.graceSeconds() * 1000L);
        LOG.log(Level.INFO, PID + ": grace " + config.graceSeconds() + " s");
    }

    @Deactivate
    void deactivate() {
        sockets.close();
    }

    @Override
    public ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException {
        ListenerLease lease = sockets.lease(address, childInitializer);
        LOG.log(Level.INFO, PID + ": " + lease.address() + " leased by " + holderName(childInitializer));
        return lease;
    }

    /** The bundle and class of a lease's handler: {@code edgebox.proxy 0.1.0 edgebox.proxy.listen.Init}. */
    static String holderName(ChannelHandler handler) {
        Bundle bundle = FrameworkUtil.getBundle(handler.getClass());
        String name = handler.getClass().getName();
        return bundle == null ? name : bundle.getSymbolicName() + " " + bundle.getVersion() + " " + name;
    }
}
