package edgebox.proxy.listen;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import io.netty.channel.ChannelHandler;

/**
 * The addresses the proxy listens on, kept equal to the latest snapshot's ports: {@link #apply} leases new
 * addresses from the {@link ListenerHub}, closes the leases of removed ones (the hub keeps the socket for a
 * successor) and remembers bind failures with their reason, retried on the next apply. Thread safe.
 */
public final class Listeners implements AutoCloseable {

    private static final Logger LOG = System.getLogger("edgebox.proxy");

    private final ListenerHub hub;
    private final Function<InetSocketAddress, ChannelHandler> initializer;
    private final Map<InetSocketAddress, ListenerLease> leases = new HashMap<>();
    private final Map<InetSocketAddress, String> failures = new HashMap<>();
    private boolean closed;

    public Listeners(ListenerHub hub, Function<InetSocketAddress, ChannelHandler> initializer) {
        this.hub = hub;
        this.initializer = initializer;
    }

    /** Makes the leased addresses equal to {@code wanted}. */
    public synchronized void apply(Set<InetSocketAddress> wanted) {
        if (closed) {
            return;
        }
        for (Iterator<Map.Entry<InetSocketAddress, ListenerLease>> it = leases.entrySet().iterator(); it.hasNext();) {
            Map.Entry<InetSocketAddress, ListenerLease> e = it.next();
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                it.remove();
                LOG.log(Level.INFO, "edgebox.proxy: stopped listening on " + e.getKey());
            }
        }
        failures.keySet().retainAll(wanted);
        for (InetSocketAddress address : wanted) {
            if (leases.containsKey(address)) {
                continue;
            }
            try {
                leases.put(address, hub.lease(address, initializer.apply(address)));
                failures.remove(address);
                LOG.log(Level.INFO, "edgebox.proxy: listening on " + address);
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!reason.equals(failures.put(address, reason))) {
                    LOG.log(Level.WARNING, "edgebox.proxy: cannot listen on " + address + ": " + reason);
                }
            }
        }
    }

    /** The addresses held now, with the bound address of each (the actual port when 0 was asked). */
    public synchronized Map<InetSocketAddress, InetSocketAddress> bound() {
        Map<InetSocketAddress, InetSocketAddress> out = new TreeMap<>(Listeners::compare);
        leases.forEach((a, l) -> out.put(a, l.address()));
        return out;
    }

    /** Addresses that could not be bound, with the reason. */
    public synchronized Map<InetSocketAddress, String> failures() {
        Map<InetSocketAddress, String> out = new TreeMap<>(Listeners::compare);
        out.putAll(failures);
        return out;
    }

    /** Lets go of every lease; the hub keeps the sockets bound for a successor. */
    @Override
    public synchronized void close() {
        closed = true;
        leases.values().forEach(ListenerLease::close);
        leases.clear();
    }

    private static int compare(InetSocketAddress a, InetSocketAddress b) {
        return a.toString().compareTo(b.toString());
    }
}
