package edgebox.proxy.upstream;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.proxy.balance.EndpointLoad;
import edgebox.proxy.tls.BackendTlsContexts;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

/**
 * The proxy's upstream connections: one {@link LoopPool} per event loop, created on first use, and the
 * {@link EndpointSlots} of each endpoint address that the loops share, so the per-endpoint connection cap holds over
 * all loops without a lock. Owned by the component; {@link #close()} closes every pooled connection on its own loop.
 */
public final class UpstreamPools implements AutoCloseable {

    private final Map<EventLoop, LoopPool> pools = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, EndpointSlots> slots = new ConcurrentHashMap<>();
    private final Class<? extends SocketChannel> channelClass;
    private final long connectTimeoutMillis;
    private final int maxIdlePerEndpoint;
    private final ConnectionCaps caps;
    private final BackendTlsContexts tlsContexts = new BackendTlsContexts();

    public UpstreamPools(Class<? extends SocketChannel> channelClass, long connectTimeoutMillis,
            int maxIdlePerEndpoint, ConnectionCaps caps) {
        this.channelClass = channelClass;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
        this.caps = caps;
    }

    /** The pool of {@code loop}; call from that loop only. */
    public LoopPool pool(EventLoop loop) {
        LoopPool p = pools.get(loop);
        return p != null ? p : pools.computeIfAbsent(loop,
                l -> new LoopPool(l, this, channelClass, connectTimeoutMillis, maxIdlePerEndpoint, tlsContexts));
    }

    /** The connections open to {@code address} and the requests waiting for one, for the balancer and consoles. */
    public EndpointLoad load(InetSocketAddress address) {
        return slots(address);
    }

    EndpointSlots slots(InetSocketAddress address) {
        EndpointSlots s = slots.get(address);
        return s != null ? s : slots.computeIfAbsent(address, a -> new EndpointSlots(caps));
    }

    /** Forgets the slots of addresses not in {@code present} that hold no connection and no waiter. */
    public void retain(Collection<InetSocketAddress> present) {
        slots.entrySet().removeIf(e -> !present.contains(e.getKey()) && e.getValue().connections() == 0
                && e.getValue().waiting() == 0);
    }

    /** A slot of {@code address} came free: the other loops with waiters serve theirs. */
    void wake(InetSocketAddress address, LoopPool from) {
        pools.values().forEach(p -> {
            if (p != from && p.anyWaiting()) {
                p.loop().execute(() -> p.serve(address));
            }
        });
    }

    /** A request of {@code from} waits for a slot of {@code address}: each other loop closes one idle connection. */
    void shedIdle(InetSocketAddress address, LoopPool from) {
        pools.values().forEach(p -> {
            if (p != from) {
                p.loop().execute(() -> p.shedIdle(address));
            }
        });
    }

    /** The client TLS contexts of BackendTLSPolicies, shared by every loop. */
    public BackendTlsContexts tlsContexts() {
        return tlsContexts;
    }

    @Override
    public void close() {
        pools.forEach((loop, pool) -> {
            if (!loop.isShuttingDown()) {
                loop.execute(pool::close);
            }
        });
        pools.clear();
    }
}
