package edgebox.proxy.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import edgebox.api.policy.Flow;
import edgebox.api.policy.HttpRequestInfo;
import edgebox.api.policy.PolicyDecisionPoint;
import edgebox.api.policy.Verdict;
import edgebox.proxy.balance.Balancer;
import edgebox.proxy.route.Cluster;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.route.PortTable;
import edgebox.proxy.route.RouteDecision;
import edgebox.proxy.route.RouteDecision.Forward;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One request from head to the end of its response, on the downstream channel's event loop. It routes the head,
 * answers locally (HTTP-01, 404, 421, 500, 403, redirects) or forwards: rewrites the head, picks the backend by
 * weight and the endpoint by the cluster's balancer, and streams the body both ways through a pooled upstream
 * connection ({@link Attempt}) with autoRead back-pressure. Bodies are held only when a retry or mirror may need
 * to replay them and they are small. Created by {@link DownstreamHandler}, which feeds it the request's body.
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
    private final String requestId;
    private final String originalUri;
    private final String protocol;
    private boolean clientKeepAlive;

    private String route = "";
    private String flags = "";
    Forward forward;
    Cluster cluster;
    Balancer balancer;
    private boolean hasBody;
    boolean replay;
    boolean websocket;
    private CompositeByteBuf body;
    private ArrayDeque<HttpContent> pending;
    private long pendingBytes;
    Attempt attempt;
    Attempt lastAttempt;
    private int retries;
    private boolean staleRetried;
    private boolean mirrored;
    private ScheduledFuture<?> requestTimer;

    boolean requestComplete;
    boolean responseStarted;
    private boolean responseComplete;
    private boolean discardBody;
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
        this.requestId = HeaderRules.requestId(request.headers());
        this.originalUri = request.uri();
        this.protocol = http1 ? request.protocolVersion().text() : conn.protocol();
    }

    boolean finished() {
        return finished;
    }

    void start() {
        HttpHeaders h = request.headers();
        clientKeepAlive = !http1 || HttpUtil.isKeepAlive(request) && !owner.draining();
        long length = HttpUtil.getContentLength(request, -1L);
        hasBody = length > 0 || HttpUtil.isTransferEncodingChunked(request);
        if (dp.limits.maxBodyBytes() > 0 && length > dp.limits.maxBodyBytes()) {
            refuse(413, "body-too-large", "Content-Length " + length + " over maxBodyBytes "
                    + dp.limits.maxBodyBytes());
            return;
        }
        if (!conn.tls() && request.method() == HttpMethod.GET) {
            String key = dp.acme.answer(head.path());
            if (key != null) {
                route = "acme-http-01";
                sendLocal(LocalResponses.exact(200, key));
                return;
            }
        }
        PortTable table = dp.table(conn.bound());
        if (table == null) {
            respond(404, "no listener on " + conn.bound());
            return;
        }
        RouteDecision decision = table.route(conn.listener(), head);
        route = routeName(decision);
        PolicyDecisionPoint pdp = dp.policy.get();
        if (pdp != null) {
            Verdict v = pdp.request(info(route));
            if (!v.allowed()) {
                flags = "policy:" + v.rule();
                respond(403, "denied by policy");
                return;
            }
        }
        switch (decision) {
            case RouteDecision.Respond r -> {
                flags = r.status() == 404 ? "NR" : "";
                respond(r.status(), r.reason());
            }
            case RouteDecision.Redirect r -> sendLocal(LocalResponses.redirect(r.status(), r.location(),
                    !keepAliveAfterLocal()));
            case Forward f -> forward(f, length);
            case RouteDecision.Passthrough p -> respond(500, "passthrough route on an HTTP listener");
        }
    }

    private static String routeName(RouteDecision d) {
        return switch (d) {
            case Forward f -> f.route();
            case RouteDecision.Redirect r -> r.route();
            case RouteDecision.Passthrough p -> p.route();
            case RouteDecision.Respond r -> "";
        };
    }

    private HttpRequestInfo info(String routeName) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        for (Map.Entry<String, String> e : request.headers()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(java.util.Locale.ROOT), k -> new java.util.ArrayList<>())
                    .add(e.getValue());
        }
        Flow flow = new Flow("proxy", conn.client(), conn.bound(), conn.sni());
        return new HttpRequestInfo(flow, request.method().name(), head.authority(), request.uri(), headers,
                routeName);
    }

    private void forward(Forward f, long length) {
        forward = f;
        cluster = f.backends() == null ? null : f.backends().pick(ThreadLocalRandom.current().nextInt());
        if (cluster == null) {
            respond(500, "no backend with a weight above 0");
            return;
        }
        if (!cluster.resolved()) {
            flags = "NR";
            respond(500, cluster.problem());
            return;
        }
        balancer = dp.balancers.balancer(cluster.name());
        HttpHeaders h = request.headers();
        websocket = http1 && HeaderRules.isWebSocketUpgrade(h);
        boolean mayReplay = f.retry().attempts() > 0 || !f.mirrors().isEmpty();
        replay = !hasBody || mayReplay && length >= 0 && length <= dp.limits.replayBufferBytes();
        boolean expectContinue = h.contains(HttpHeaderNames.EXPECT)
                && h.containsValue(HttpHeaderNames.EXPECT, HttpHeaderValues.CONTINUE, true);
        Rewrites.request(this, f);
        if (expectContinue && hasBody && http1) {
            ctx.writeAndFlush(LocalResponses.continue100());
        }
        Duration timeout = f.timeouts().request();
        if (timeout != null && !timeout.isZero()) {
            requestTimer = ctx.executor().schedule(this::requestTimedOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (replay && hasBody) {
            body = ctx.alloc().compositeBuffer(64);
            return;
        }
        if (!replay) {
            pending = new ArrayDeque<>(4);
        }
        startAttempt();
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

    /** The request head and (replayable) body for one attempt; streaming bodies follow as they arrive. */
    void writeRequest(Attempt a) {
        io.netty.channel.Channel uc = a.upstream.channel();
        uc.write(request, uc.voidPromise());
        if (replay) {
            uc.write(body == null ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(body.retainedDuplicate()), uc.voidPromise());
            uc.flush();
            return;
        }
        HttpContent c;
        while ((c = pending.poll()) != null) {
            uc.write(c, uc.voidPromise());
        }
        pendingBytes = 0;
        uc.flush();
        if (!uc.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        } else if (!requestComplete && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** A part of the request body from the downstream connection; the exchange owns it. */
    void onRequestContent(HttpContent c) {
        int n = c.content().readableBytes();
        bytesIn += n;
        boolean last = c instanceof LastHttpContent;
        if (last) {
            requestComplete = true;
        }
        if (c.decoderResult().isFailure()) {
            c.release();
            requestComplete = true;
            refuse(400, "bad-request", "invalid request body: " + c.decoderResult().cause());
            return;
        }
        if (finished || discardBody) {
            c.release();
            if (last) {
                maybeFinish();
            }
            return;
        }
        if (dp.limits.maxBodyBytes() > 0 && bytesIn > dp.limits.maxBodyBytes()) {
            c.release();
            refuse(413, "body-too-large", "request body over maxBodyBytes " + dp.limits.maxBodyBytes());
            return;
        }
        if (replay) {
            if (body != null && n > 0) {
                body.addComponent(true, c.content().retain());
            }
            c.release();
            if (last && body != null && attempt == null) {
                request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                startAttempt();
            }
            return;
        }
        Attempt a = attempt;
        if (a == null || a.upstream == null) {
            pending.add(c);
            pendingBytes += n;
            if (pendingBytes > dp.limits.replayBufferBytes()) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        io.netty.channel.Channel uc = a.upstream.channel();
        uc.write(c, uc.voidPromise());
        if (!uc.isWritable()) {
            ctx.channel().config().setAutoRead(false);
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
        var f = ctx.writeAndFlush(last);
        if (close) {
            f.addListener(ChannelFutureListener.CLOSE);
        } else if (!http1 && !requestComplete) {
            discardBody = true;
        }
        maybeFinish();
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

    private void requestTimedOut() {
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

    private void refuse(int code, String reason, String detail) {
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
    private boolean keepAliveAfterLocal() {
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

    private void sendLocal(FullHttpResponse r) {
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
        releaseHeld();
        discardBody = true;
        var f = ctx.writeAndFlush(r);
        if (http1 && !clientKeepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        maybeFinish();
    }

    private void maybeFinish() {
        if (responseComplete && (requestComplete || !clientKeepAlive)) {
            finish();
        }
    }

    private void releaseHeld() {
        if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                c.release();
            }
        }
        if (body != null) {
            body.release();
            body = null;
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
        releaseHeld();
        Attempt a = lastAttempt;
        AccessRecord rec = new AccessRecord(startMillis, request.method().name(), head.authority(), originalUri,
                protocol, status, flags, conn.gateway(), route, cluster == null ? "" : cluster.name(),
                a == null ? "" : a.endpointName(), bytesIn, bytesOut, (System.nanoTime() - startNanos) / 1000,
                upstreamMicros, requestId, conn.client() == null ? "" : conn.client().toString());
        dp.accessLog.write(rec);
        if (dp.metrics != null) {
            dp.metrics.record(rec);
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
        return body;
    }
}
