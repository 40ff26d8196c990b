package edgebox.proxy.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.junit.jupiter.api.Test;

class ListenersTest {

    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 8443);
    private static final InetSocketAddress TAKEN = new InetSocketAddress("127.0.0.1", 80);

    /** A hub that records leases and refuses one address, as a bind failure would. */
    private static final class RecordingHub implements ListenerHub {
        final List<InetSocketAddress> leased = new ArrayList<>();
        final List<InetSocketAddress> closed = new ArrayList<>();

        @Override
        public ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer) throws IOException {
            if (address.equals(TAKEN)) {
                throw new IOException("Address already in use");
            }
            leased.add(address);
            return new ListenerLease() {
                @Override
                public InetSocketAddress address() {
                    return address;
                }

                @Override
                public void close() {
                    closed.add(address);
                }
            };
        }
    }

    @Test
    void leasesFollowTheSnapshotAndFailuresAreKeptWithTheirReason() {
        RecordingHub hub = new RecordingHub();
        Listeners listeners = new Listeners(hub, a -> new ChannelInboundHandlerAdapter());
        listeners.apply(Set.of(A, TAKEN));
        assertEquals(List.of(A), hub.leased);
        assertEquals(Map.of(TAKEN, "Address already in use"), listeners.failures());
        listeners.apply(Set.of(A, B));
        assertEquals(List.of(A, B), hub.leased, "A is not leased twice");
        assertTrue(listeners.failures().isEmpty(), "a port no longer wanted is no failure");
        listeners.apply(Set.of(B));
        assertEquals(List.of(A), hub.closed);
        assertEquals(Set.of(B), listeners.bound().keySet());
        listeners.close();
        assertEquals(List.of(A, B), hub.closed);
        listeners.apply(Set.of(A));
        assertEquals(2, hub.leased.size(), "nothing is leased after close");
    }
}
