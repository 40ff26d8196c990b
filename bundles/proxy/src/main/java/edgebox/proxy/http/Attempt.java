package edgebox.proxy.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.Endpoint;
import edgebox.proxy.upstream.Acquired;
import edgebox.proxy.upstream.Upstream;
import edgebox.proxy.upstream.UpstreamListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One try of an {@link Exchange} against one endpoint: leases the upstream connection, writes the request, relays
 * the answer's parts to the exchange, enforces backendRequest, and tells the balancer how it went. Callbacks that
 * arrive after the attempt was given up (a late connect, a close) are ignored and release what they bring.
 */
final class Attempt implements UpstreamListener, Acquired {

    private final Exchange exchange;
    private final Endpoint endpoint;
    final long startNanos = System.nanoTime();
    Upstream upstream;
    boolean upstreamKeepAlive;
    private boolean live = true;
    private boolean headSeen;
    private boolean skipInterimEnd;
    private ScheduledFuture<?> timer;

    Attempt(Exchange exchange, Endpoint endpoint) {
        this.exchange = exchange;
        this.endpoint = endpoint;
    }

    void begin() {
        exchange.lastAttempt = this;
        exchange.balancer.started(endpoint);
        Duration backendTimeout = exchange.forward.timeouts().backendRequest();
        if (backendTimeout != null && !backendTimeout.isZero()) {
            timer = exchange.ctx.executor().schedule(this::timedOut, backendTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        boolean h2c = exchange.cluster.h2c() && !exchange.websocket;
        exchange.dp.pools.pool(exchange.ctx.channel().eventLoop())
                .acquire(endpoint, h2c, exchange.websocket, this, this);
    }

    String endpointName() {
        return endpoint.address().getAddress().getHostAddress() + ":" + endpoint.address().getPort();
    }

    @Override
    public void acquired(Upstream up) {
        if (!live) {
            up.release(false);
            return;
        }
        upstream = up;
        exchange.writeRequest(this);
    }

    @Override
    public void failed(Throwable cause) {
        if (!live) {
            return;
        }
        giveUp(false);
        exchange.attemptFailed(this, true, cause);
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
            exchange.upstreamProtocolError(headSeen, cause);
            return;
        }
        if (msg instanceof HttpResponse r) {
            if (r.status().codeClass() == HttpStatusClass.INFORMATIONAL && r.status().code() != 101) {
                skipInterimEnd = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                return;
            }
            headSeen = true;
            exchange.onResponseHead(this, r);
            return;
        }
        if (msg instanceof HttpContent c) {
            if (skipInterimEnd && c instanceof LastHttpContent) {
                skipInterimEnd = false;
                c.release();
                return;
            }
            exchange.onResponseContent(this, c);
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void onReadComplete() {
        if (live) {
            exchange.flushDownstream();
        }
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (live && !exchange.replay && !exchange.requestComplete) {
            exchange.ctx.channel().config().setAutoRead(writable);
        }
    }

    @Override
    public void onClosed(Throwable cause) {
        if (!live) {
            return;
        }
        giveUp(false);
        if (headSeen) {
            exchange.attemptBrokeResponse();
        } else {
            exchange.attemptFailed(this, false, cause);
        }
    }

    private void timedOut() {
        if (live && exchange.attempt == this) {
            exchange.timedOut();
        }
    }

    /** The response ended: the connection goes back to the pool when both sides ended cleanly. */
    void end(boolean success, boolean requestSent) {
        if (!live) {
            return;
        }
        live = false;
        cancelTimer();
        exchange.balancer.finished(endpoint, success);
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

    /** The tunnel took the connection over: the attempt is done, the connection is not pooled. */
    void handOver() {
        live = false;
        cancelTimer();
        exchange.balancer.finished(endpoint, true);
    }

    private void giveUp(boolean success) {
        live = false;
        cancelTimer();
        exchange.balancer.finished(endpoint, success);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
