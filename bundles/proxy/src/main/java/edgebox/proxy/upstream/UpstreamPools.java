package edgebox.proxy.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import edgebox.proxy.tls.BackendTlsContexts;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;

/**
 * The proxy's upstream connections: one {@link LoopPool} per event loop, created on first use. Owned by the
 * component; {@link #close()} closes every pooled connection on its own loop.
 */
public final class UpstreamPools implements AutoCloseable {

    private final Map<EventLoop, LoopPool> pools = new ConcurrentHashMap<>();
    private final Class<? extends SocketChannel> channelClass;
    private final long connectTimeoutMillis;
    private final int maxIdlePerEndpoint;
    private final BackendTlsContexts tlsContexts = new BackendTlsContexts();

    public UpstreamPools(Class<? extends SocketChannel> channelClass, long connectTimeoutMillis,
            int maxIdlePerEndpoint) {
        this.channelClass = channelClass;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
    }

    /** The pool of {@code loop}; call from that loop only. */
    public LoopPool pool(EventLoop loop) {
        LoopPool p = pools.get(loop);
        return p != null ? p : pools.computeIfAbsent(loop,
                l -> new LoopPool(l, channelClass, connectTimeoutMillis, maxIdlePerEndpoint, tlsContexts));
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
