package edgebox.proxy.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

/**
 * Every accepted downstream connection, for the connection limit, the active-connection gauge and draining. Thread
 * safe: channels of all event loops register here.
 */
public final class Connections {

    /** User event asking a connection's handlers to finish what they serve and close. */
    public static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private final int max;
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean draining;

    private final ProxyMetrics metrics;

    /** {@code metrics} may be null (tests). */
    public Connections(int max, ProxyMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
    }

    /** Counts {@code ch} in, or returns false when at the limit or draining (the caller closes it). */
    boolean admit(Channel ch) {
        if (draining || count.incrementAndGet() > max) {
            count.decrementAndGet();
            return false;
        }
        open.add(ch);
        if (metrics != null) {
            metrics.connectionOpened();
        }
        ch.closeFuture().addListener(f -> {
            open.remove(ch);
            count.decrementAndGet();
            if (metrics != null) {
                metrics.connectionClosed();
            }
        });
        return true;
    }

    /** True once {@link #drain} began: pipelines set up later (after a TLS handshake, say) drain from the start. */
    boolean draining() {
        return draining;
    }

    public int active() {
        return count.get();
    }

    /**
     * Tells every connection to drain (HTTP/1.1: close after the response in flight, idle ones after a grace;
     * HTTP/2: GOAWAY), waits up to {@code timeoutMillis} for them to close, then closes the rest. Returns how many
     * had to be closed by force.
     */
    public int drain(long timeoutMillis) throws InterruptedException {
        draining = true;
        for (Channel ch : open) {
            ch.pipeline().fireUserEventTriggered(DRAIN);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            Channel any = open.stream().findAny().orElse(null);
            if (any != null) {
                any.closeFuture().await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        int forced = open.size();
        for (Channel ch : open) {
            ch.close();
        }
        return forced;
    }
}
