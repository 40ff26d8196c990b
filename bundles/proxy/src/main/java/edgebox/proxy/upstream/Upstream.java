package edgebox.proxy.upstream;

import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * One leased upstream connection (HTTP/1.1) or stream (h2c) serving one exchange. Write the request to
 * {@link #channel()}; when the response has ended call {@link #release(boolean)} exactly once.
 */
public final class Upstream {

    private final LoopPool pool;
    private final Endpoint endpoint;
    private final BackendTls tls;
    private final Channel channel;
    private final UpstreamHandler handler;
    private final boolean reused;
    private final boolean stream;

    Upstream(LoopPool pool, Endpoint endpoint, BackendTls tls, Channel channel, UpstreamHandler handler,
            boolean reused, boolean stream) {
        this.pool = pool;
        this.endpoint = endpoint;
        this.tls = tls;
        this.channel = channel;
        this.handler = handler;
        this.reused = reused;
        this.stream = stream;
    }

    public Channel channel() {
        return channel;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** True when the connection served an earlier request: a failure before any answer may be a stale socket. */
    public boolean reused() {
        return reused;
    }

    /**
     * Hands the connection to a byte relay after a 101 answer: the relay goes last, the HTTP client codec, the idle
     * timer and the response handler leave. The connection is never pooled again.
     */
    public void tunnel(ChannelHandler relay) {
        handler.listener(null);
        ChannelPipeline p = channel.pipeline();
        p.addLast(relay);
        p.remove(handler);
        if (p.get(IdleStateHandler.class) != null) {
            p.remove(IdleStateHandler.class);
        }
        if (p.get(HttpClientCodec.class) != null) {
            p.remove(HttpClientCodec.class);
        }
    }

    /** Ends the lease: a reusable HTTP/1.1 connection goes back to the pool, anything else is closed. */
    public void release(boolean reusable) {
        handler.listener(null);
        if (stream) {
            if (channel.isActive()) {
                channel.close();
            }
        } else if (reusable && channel.isActive()) {
            pool.offer(endpoint, tls, channel, handler);
        } else {
            channel.close();
        }
    }
}
