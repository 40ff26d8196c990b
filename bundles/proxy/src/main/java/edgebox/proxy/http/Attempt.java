package edgebox.proxy.http;

import java.util.concurrent.TimeUnit;

import edgebox.proxy.balance.Balancer;
import edgebox.proxy.http.RetryPolicy.GiveUp;
import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.upstream.Acquired;
import edgebox.proxy.upstream.LoopPool;
import edgebox.proxy.upstream.Overloaded;
import edgebox.proxy.upstream.Upstream;
import edgebox.proxy.upstream.UpstreamListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One try of a {@link Forwarding} against one endpoint: leases the upstream connection (the forwarding writes the
 * request to it), passes the answer's final head and end to the forwarding and its parts straight to the
 * {@link Exchange} (interim 1xx answers are dropped), enforces backendRequest and tells the balancer how it went.
 * Callbacks after the attempt was given up (a late connect, a close) are ignored and release what they bring.
 */
final class Attempt implements UpstreamListener, Acquired {

    private final Forwarding owner;
    private final Exchange x;
    private final Balancer balancer;
    private final Endpoint endpoint;
    private final long startNanos = System.nanoTime();
    private Upstream upstream;
    private boolean upstreamKeepAlive;
    private boolean live = true;
    private boolean headSeen;
    private boolean skipInterimEnd;
    private ScheduledFuture<?> timer;

    Attempt(Forwarding owner, Exchange x, Balancer balancer, Endpoint endpoint) {
        this.owner = owner;
        this.x = x;
        this.balancer = balancer;
        this.endpoint = endpoint;
    }

    /** Counts the request in flight, arms backendRequest ({@code timeoutNanos} 0: none) and asks for a connection. */
    void begin(EventExecutor executor, LoopPool pool, BackendTls tls, boolean h2c, boolean fresh, long timeoutNanos) {
        balancer.started(endpoint);
        if (timeoutNanos > 0) {
            timer = executor.schedule(() -> {
                if (live) {
                    owner.timedOut(this, GiveUp.BACKEND_REQUEST_TIMEOUT);
                }
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }
        pool.acquire(endpoint, tls, h2c, fresh, this, this);
    }

    String endpointName() {
        return endpoint.address().getAddress().getHostAddress() + ":" + endpoint.address().getPort();
    }

    void flush() {
        if (upstream != null) {
            upstream.channel().flush();
        }
    }

    /** Reads the leased connection, or stops reading it, as the downstream can take the answer. */
    void autoRead(boolean read) {
        if (upstream != null) {
            upstream.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void acquired(Upstream up) {
        if (!live) {
            up.release(false);
            return;
        }
        upstream = up;
        owner.upstreamLeased(up.channel());
    }

    @Override
    public void failed(Throwable cause) {
        if (!live) {
            return;
        }
        giveUp(cause instanceof Overloaded); // a full endpoint is not a failing one
        owner.attemptFailed(true, false, cause);
    }

    @Override
    public void onResponse(HttpObject msg) {
        if (!live) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg.decoderResult().isFailure()) {
            Throwable cause = msg.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            abort(false);
            owner.invalidResponse(cause);
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL && r.status().code() != 101) {
                skipInterimEnd = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            headSeen = true;
            upstreamKeepAlive = HttpUtil.isKeepAlive(r);
            owner.responseHead(this, r, (System.nanoTime() - startNanos) / 1000);
            return;
        }
        if (msg instanceof HttpContent c) {
            if (skipInterimEnd && c instanceof LastHttpContent) {
                skipInterimEnd = false;
                c.release();
            } else if (c instanceof LastHttpContent last) {
                owner.responseEnd(this, last);
            } else if (!x.relayPart(c)) {
                autoRead(false);
            }
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void onReadComplete() {
        if (live) {
            x.flushDownstream();
        }
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (live) {
            owner.upstreamWritable(writable);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (!live) {
            return;
        }
        giveUp(false);
        if (headSeen) {
            owner.responseBroken();
        } else {
            owner.attemptFailed(false, upstream != null && upstream.reused(), cause);
        }
    }

    /** The response ended: the connection goes back to the pool when both sides ended cleanly. */
    void end(boolean success, boolean requestSent) {
        if (!live) {
            return;
        }
        giveUp(success);
        upstream.release(upstreamKeepAlive && requestSent);
    }

    /** Gives up this attempt (timeout, retry, client gone): the connection is closed, not pooled. */
    void abort(boolean success) {
        if (!live) {
            return;
        }
        giveUp(success);
        if (upstream != null) {
            upstream.release(false);
        }
    }

    /** A WebSocket tunnel takes the connection over: the attempt is done, the connection is never pooled. */
    Upstream handOver() {
        giveUp(true);
        return upstream;
    }

    private void giveUp(boolean success) {
        live = false;
        owner.attemptEnded();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        balancer.finished(endpoint, success);
    }
}
