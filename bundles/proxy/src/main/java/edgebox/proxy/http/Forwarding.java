package edgebox.proxy.http;

import java.util.concurrent.TimeUnit;

import edgebox.proxy.balance.Balancer;
import edgebox.proxy.http.RetryPolicy.GiveUp;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision.Forward;
import edgebox.proxy.upstream.Overloaded;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * The upstream side of a forwarded {@link Exchange}, on the downstream's event loop: an {@link Attempt} per try, the
 * request and its streamed {@link RequestBody} to the leased connection, the mirrors' copies with the first, and on
 * each upstream event the {@link RetryPolicy}'s verdict: hand the answer to the exchange's {@link ExchangeAnswer},
 * try again (when the body can be sent again), or give up. An endpoint at its connection cap is never retried: the
 * answer is 503 overloaded. Made by {@link Dispatch}.
 */
final class Forwarding {

    private final Exchange x;
    private final ChannelHandlerContext ctx;
    private final DataPath dp;
    private final Forward forward;
    private final Cluster cluster;
    private final Balancer balancer;
    private final boolean websocket;
    private final RequestBody body;
    private Endpoint first;
    private Attempt attempt;
    private Attempt lastAttempt;
    private int retries;
    private boolean staleRetried;
    private boolean mirrored;

    /**
     * {@code first}: the endpoint of the first attempt (the one the policy was asked about), null to pick it when the
     * attempt starts.
     */
    Forwarding(Exchange x, ChannelHandlerContext ctx, DataPath dp, Forward forward, Cluster cluster, Endpoint first,
            boolean websocket) {
        this.x = x;
        this.ctx = ctx;
        this.dp = dp;
        this.forward = forward;
        this.cluster = cluster;
        this.balancer = dp.balancers.balancer(cluster.name());
        this.first = first;
        this.websocket = websocket;
        this.body = x.bodyExpected() ? new RequestBody(ctx, x.head().request(), forward.retry().attempts() > 0,
                dp.limits.replayBufferBytes(), dp.metrics) : null;
    }

    /** True when a new attempt can send the whole request again. */
    private boolean replay() {
        return body == null || body.replayable();
    }

    /** Starts an attempt (after the first, with an endpoint from the balancer); the first also fires the mirrors. */
    void startAttempt() {
        if (x.finished()) {
            return;
        }
        Endpoint endpoint = first != null ? first : balancer.pick(cluster);
        first = null;
        if (endpoint == null) {
            giveUp(GiveUp.NO_HEALTHY_UPSTREAM, cluster.name());
            return;
        }
        attempt = new Attempt(this, x, balancer, endpoint);
        lastAttempt = attempt;
        attempt.begin(ctx.executor(), dp.pools.pool(ctx.channel().eventLoop()), cluster.tls(),
                cluster.h2c() && !websocket, websocket, RetryPolicy.deadlineNanos(forward.timeouts().backendRequest()));
        if (attempt != null && !mirrored && !forward.mirrors().isEmpty()) {
            mirrored = true;
            MirrorCopies copies = Mirrors.fire(forward.mirrors(), x.head().request(),
                    Dispatch.backendTarget(x.head(), forward), body != null, dp, x.conn(), ctx.channel().eventLoop());
            if (body != null) {
                body.mirrors(copies);
            }
        }
    }

    private void retryLater() {
        retries++;
        attempt = null;
        long backoff = RetryPolicy.backoffNanos(forward.retry());
        if (backoff == 0) {
            startAttempt();
        } else {
            ctx.executor().schedule(this::startAttempt, backoff, TimeUnit.NANOSECONDS);
        }
    }

    private void giveUp(GiveUp why, String detail) {
        attempt = null;
        x.upstreamFailed(why, detail);
    }

    /** A part of the request's body, when it has one (counted and limited by the exchange); owned here now. */
    void requestPart(HttpContent c, boolean last) {
        body.accept(c, last);
    }

    /** An attempt let go of its connection: the body's next parts wait for the next attempt's. */
    void attemptEnded() {
        if (body != null) {
            body.detach();
        }
    }

    void upstreamLeased(Channel uc) {
        RequestBody.writeTo(body, x.head().request(), uc);
    }

    /** A final response head: tried again when the policy says so, a WebSocket tunnel on 101, else relayed. */
    void responseHead(Attempt a, HttpResponse r, long upstreamMicros) {
        int code = r.status().code();
        x.upstreamAnswered(upstreamMicros);
        if (RetryPolicy.retryOnStatus(forward.retry(), replay(), retries, code)) {
            ReferenceCountUtil.release(r);
            a.abort(code < 500);
            retryLater();
        } else if (websocket && code == 101) {
            x.tunnel(a.handOver(), r, forward.responseHeaders());
        } else {
            x.relayHead(r, forward.responseHeaders());
            if (r instanceof LastHttpContent last) {
                responseEnd(a, last);
            }
        }
    }

    /** The response's last part came through {@code a}: the attempt ends, then the answer. */
    void responseEnd(Attempt a, LastHttpContent last) {
        a.end(x.status() < 500, x.requestComplete());
        x.relayEnd(last);
    }

    /** The attempt failed before any response head: another try when the policy allows one, else the answer. */
    void attemptFailed(boolean connect, boolean reused, Throwable cause) {
        if (x.finished()) {
            return;
        }
        if (cause instanceof Overloaded o) {
            if (dp.metrics != null) {
                dp.metrics.upstreamOverflow(o.reason());
            }
            giveUp(GiveUp.OVERLOADED, endpointName() + " of " + cluster.name() + ": " + o.getMessage());
            return;
        }
        String tls = RetryPolicy.tlsFailure(cause);
        if (tls != null) {
            dp.refused("upstream-tls", cluster.name() + ": " + tls, x.conn().client());
        }
        switch (RetryPolicy.afterFailure(forward.retry(), replay(), retries, staleRetried, connect, reused)) {
            case RETRY_STALE -> {
                staleRetried = true;
                startAttempt();
            }
            case RETRY -> retryLater();
            case GIVE_UP -> giveUp(tls != null ? GiveUp.UPSTREAM_TLS_ERROR
                    : connect ? GiveUp.CONNECT_ERROR : GiveUp.UPSTREAM_RESET,
                    tls != null ? tls : cause == null ? "connection closed" : cause.getMessage());
        }
    }

    /** The backend's answer could not be parsed (the attempt gave up already). */
    void invalidResponse(Throwable cause) {
        if (!x.finished()) {
            dp.refused("upstream-protocol-error", String.valueOf(cause), cluster.name());
            giveUp(GiveUp.INVALID_RESPONSE, null);
        }
    }

    void responseBroken() {
        giveUp(GiveUp.UPSTREAM_RESET, null);
    }

    /** The request timeout ({@code a} null), or the backendRequest timeout of {@code a} if it is still the current. */
    void timedOut(Attempt a, GiveUp why) {
        if (x.finished() || a != null && a != attempt) {
            return;
        }
        if (attempt != null) {
            attempt.abort(false);
        }
        giveUp(why, null);
    }

    void upstreamWritable(boolean writable) {
        if (body != null) {
            body.upstreamWritable(writable);
        }
    }

    void flushUpstream() {
        if (attempt != null) {
            attempt.flush();
        }
    }

    void downstreamWritable(boolean writable) {
        if (attempt != null) {
            attempt.autoRead(writable);
        }
    }

    /** The answer needs no upstream any more: a live attempt is given up, a held or queued body released. */
    void abort() {
        if (attempt != null) {
            attempt.abort(true);
            attempt = null;
        }
        if (body != null) {
            body.release();
        }
    }

    /** The endpoint of the last attempt ("" when none began). */
    String endpointName() {
        return lastAttempt == null ? "" : lastAttempt.endpointName();
    }
}
