package edgebox.proxy.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.balance.Balancer;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.RouteDecision.Forward;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One request from head to the end of its response, on the downstream channel's event loop: its state, its
 * timers, its answer and its access log line. {@link Dispatch} routes the head and answers locally or sets up the
 * forward; {@link RequestBody} moves the request body; each {@link Attempt} leases an upstream connection and hands
 * the response here, which relays it downstream with autoRead back-pressure, retries on the route's codes, turns
 * timeouts into 504 and upstream failures into 502/503. Created by {@link DownstreamHandler}.
 */
final class Exchange {

    final DownstreamHandler owner;
    final ChannelHandlerContext ctx;
    final DataPath dp;
    final Conn conn;
    final HttpRequest request;
    final NettyHead head;
    final boolean http1;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final CharSequence requestId;
    private final String originalUri;
    private final String protocol;
    boolean clientKeepAlive;

    String route = "";
    String flags = "";
    Forward forward;
    Cluster cluster;
    Balancer balancer;
    boolean hasBody;
    boolean replay;
    boolean websocket;
    final RequestBody in = new RequestBody(this);
    Attempt attempt;
    Attempt lastAttempt;
    private int retries;
    private boolean staleRetried;
    private boolean mirrored;
    ScheduledFuture<?> requestTimer;

    boolean requestComplete;
    boolean responseStarted;
    private boolean responseComplete;
    boolean discardBody;
    private boolean finished;
    int status;
    long bytesIn;
    long bytesOut;
    long upstreamMicros = -1;

    Exchange(DownstreamHandler owner, ChannelHandlerContext ctx, DataPath dp, Conn conn, HttpRequest request) {
        this.owner = owner;
        this.ctx = ctx;
        this.dp = dp;
        this.conn = conn;
        this.request = request;
        this.http1 = owner.http1;
        this.head = new NettyHead(request, conn.scheme());
        this.requestId = HeaderRules.requestIdValue(request.headers());
        this.originalUri = request.uri();
        this.protocol = http1 ? request.protocolVersion().text() : conn.protocol();
    }

    boolean finished() {
        return finished;
    }

    /** Routes the head and answers, redirects or forwards it ({@link Dispatch}). */
    void start() {
        Dispatch.start(this);
    }

    void startAttempt() {
        if (finished) {
            return;
        }
        Endpoint endpoint = balancer.pick(cluster);
        if (endpoint == null) {
            flags = "UH";
            failBeforeResponse(503, "no healthy upstream in " + cluster.name());
            return;
        }
        attempt = new Attempt(this, endpoint);
        attempt.begin();
        if (attempt != null && replay && !mirrored) {
            mirrored = true;
            Mirrors.fire(this);
        }
    }

    /** End of a downstream read batch: flush what went upstream. */
    void flushUpstream() {
        Attempt a = attempt;
        if (a != null && a.upstream != null) {
            a.upstream.channel().flush();
        }
    }

    void downstreamWritable(boolean writable) {
        Attempt a = attempt;
        if (a != null && a.upstream != null) {
            a.upstream.channel().config().setAutoRead(writable);
        }
    }

    /** A response head from the upstream (interim answers are already dropped by the attempt). */
    void onResponseHead(Attempt a, HttpResponse r) {
        int code = r.status().code();
        a.upstreamKeepAlive = HttpUtil.isKeepAlive(r);
        upstreamMicros = (System.nanoTime() - a.startNanos) / 1000;
        if (replay && retries < forward.retry().attempts() && forward.retry().codes().contains(code)) {
            ReferenceCountUtil.release(r);
            a.abort(code < 500);
            retryLater();
            return;
        }
        status = code;
        responseStarted = true;
        if (websocket && code == 101) {
            Tunnel.open(this, a, r);
            return;
        }
        Rewrites.response(this, r);
        if (r instanceof LastHttpContent last) {
            bytesOut += last.content().readableBytes();
            responseEnd(a, r);
        } else {
            ctx.write(r, ctx.voidPromise());
        }
    }

    void onResponseContent(Attempt a, HttpContent c) {
        bytesOut += c.content().readableBytes();
        if (c instanceof LastHttpContent) {
            responseEnd(a, c);
            return;
        }
        ctx.write(c, ctx.voidPromise());
        if (!ctx.channel().isWritable()) {
            a.upstream.channel().config().setAutoRead(false);
        }
    }

    private void responseEnd(Attempt a, HttpObject last) {
        responseComplete = true;
        a.end(status < 500, requestComplete);
        boolean close = http1 && (!clientKeepAlive || !requestComplete);
        if (close) {
            clientKeepAlive = false;
        }
        if (close) {
            ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        } else if (http1) {
            ctx.writeAndFlush(last, ctx.voidPromise());
        } else {
            ctx.write(last, ctx.voidPromise());
            flushDownstream();
            if (!requestComplete) {
                discardBody = true;
            }
        }
        maybeFinish();
    }

    /**
     * Flushes what went downstream: an HTTP/1.1 connection now; an HTTP/2 stream once for the whole connection after
     * this event-loop turn ({@link BatchFlush}), or at the end of the connection's read when it is being read.
     */
    void flushDownstream() {
        Channel parent = http1 ? null : ctx.channel().parent();
        if (parent == null) {
            ctx.flush();
        } else {
            conn.batchFlush(parent).request();
        }
    }

    /** The attempt failed before any response head: retry when allowed, else answer. */
    void attemptFailed(Attempt a, boolean connect, Throwable cause) {
        if (finished) {
            return;
        }
        if (!connect && a.upstream != null && a.upstream.reused() && replay && !staleRetried) {
            staleRetried = true;
            startAttempt();
            return;
        }
        if (replay && retries < forward.retry().attempts()) {
            retryLater();
            return;
        }
        flags = connect ? "UF" : "UC";
        String reason = connect ? "upstream connect error: " : "upstream reset before response: ";
        failBeforeResponse(503, reason + (cause == null ? "connection closed" : cause.getMessage()));
    }

    /** The backend's answer could not be parsed: 502 before the response started, else the downstream is cut. */
    void upstreamProtocolError(boolean headSent, Throwable cause) {
        if (finished) {
            return;
        }
        flags = "UPE";
        dp.refused("upstream-protocol-error", String.valueOf(cause), cluster == null ? "" : cluster.name());
        if (headSent || responseStarted) {
            abortDownstream();
        } else {
            failBeforeResponse(502, "invalid response from the backend");
        }
    }

    /** The upstream went away in the middle of a response: nothing left to do but cut the downstream. */
    void attemptBrokeResponse() {
        flags = "UC";
        abortDownstream();
    }

    private void retryLater() {
        retries++;
        attempt = null;
        Duration backoff = forward.retry().backoff();
        if (backoff == null || backoff.isZero() || backoff.isNegative()) {
            startAttempt();
        } else {
            ctx.executor().schedule(this::startAttempt, backoff.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void requestTimedOut() {
        if (finished) {
            return;
        }
        flags = "UT";
        timedOut();
    }

    /** Route request or backendRequest timeout: 504 before the response started, else the downstream is cut. */
    void timedOut() {
        if (finished) {
            return;
        }
        if (attempt != null) {
            attempt.abort(false);
        }
        if (!responseStarted) {
            failBeforeResponse(504, "upstream request timeout");
        } else {
            abortDownstream();
        }
    }

    private void failBeforeResponse(int code, String reason) {
        attempt = null;
        if (!requestComplete) {
            clientKeepAlive = false;
        }
        respond(code, reason);
    }

    private void abortDownstream() {
        clientKeepAlive = false;
        ctx.channel().close();
        finish();
    }

    /** The downstream connection or stream closed under the exchange. */
    void downstreamClosed() {
        if (!finished) {
            flags = flags.isEmpty() ? "DC" : flags;
            if (attempt != null) {
                attempt.abort(true);
            }
            clientKeepAlive = false;
            finish();
        }
    }

    void refuse(int code, String reason, String detail) {
        dp.refused(reason, detail, conn.client());
        if (finished) {
            ctx.channel().close();
            return;
        }
        flags = reason;
        clientKeepAlive = false;
        if (attempt != null) {
            attempt.abort(true);
        }
        if (responseStarted) {
            abortDownstream();
        } else {
            respond(code, detail);
        }
    }

    /** A local answer keeps the connection when the rest of the request body is absent or small enough to skip. */
    boolean keepAliveAfterLocal() {
        if (http1 && !requestComplete && hasBody) {
            long length = HttpUtil.getContentLength(request, -1L);
            if (length < 0 || length > 65536) {
                clientKeepAlive = false;
            }
        }
        return clientKeepAlive;
    }

    void respond(int code, String reason) {
        sendLocal(LocalResponses.text(code, reason, !keepAliveAfterLocal()));
    }

    void sendLocal(FullHttpResponse r) {
        keepAliveAfterLocal();
        if (http1 && !clientKeepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (http1 && request.protocolVersion() == HttpVersion.HTTP_1_0 && clientKeepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        status = r.status().code();
        responseStarted = true;
        responseComplete = true;
        bytesOut = r.content().readableBytes();
        in.release();
        discardBody = true;
        var f = ctx.writeAndFlush(r);
        if (http1 && !clientKeepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        maybeFinish();
    }

    void maybeFinish() {
        if (responseComplete && (requestComplete || !clientKeepAlive)) {
            finish();
        }
    }

    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (requestTimer != null) {
            requestTimer.cancel(false);
        }
        in.release();
        long micros = (System.nanoTime() - startNanos) / 1000;
        String clusterName = cluster == null ? "" : cluster.name();
        if (dp.accessLog.enabled()) {
            Attempt a = lastAttempt;
            dp.accessLog.write(new AccessRecord(startMillis, request.method().name(), head.authority(), originalUri,
                    protocol, status, flags, conn.gateway(), route, clusterName, a == null ? "" : a.endpointName(),
                    bytesIn, bytesOut, micros, upstreamMicros, requestId.toString(),
                    conn.client() == null ? "" : conn.client().toString()));
        }
        if (dp.metrics != null) {
            dp.metrics.record(conn, conn.gateway(), route, clusterName, status, micros);
        }
        owner.exchangeDone(this, clientKeepAlive && requestComplete);
    }

    boolean clientKeepAlive() {
        return clientKeepAlive;
    }

    void noKeepAlive() {
        clientKeepAlive = false;
    }

    CompositeByteBuf body() {
        return in.held();
    }

    void onRequestContent(HttpContent c) {
        in.accept(c);
    }

    void writeRequest(Attempt a) {
        in.writeTo(a);
    }
}
