package edgebox.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One request from head to the end of its answer, on the downstream channel's event loop: the request half (the
 * head, the body's parts counted and limited until the last one, the forward and its request timeout) and the end
 * (the access log line and metrics, the connection handed back to the {@link DownstreamHandler} that made it). The
 * answer half is {@link ExchangeAnswer}. {@link Dispatch} routes the head, then answers it or hands it to a
 * {@link Forwarding}.
 */
final class Exchange extends ExchangeAnswer {

    private final DownstreamHandler owner;
    private final DataPath dp;
    private final Conn conn;
    private final NettyHead head;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();
    private final CharSequence requestId;
    private final String protocol;
    private final boolean extendedConnect;
    private String route = "";
    private String backend = "";
    private long bytesIn;
    private long upstreamMicros = -1;
    private boolean requestComplete;
    private boolean hasBody;
    private Forwarding forwarding;
    private ScheduledFuture<?> requestTimer;

    Exchange(DownstreamHandler owner, ResponseRelay relay, DataPath dp, Conn conn, HttpRequest request,
            boolean http1) {
        this(owner, relay, dp, conn, request, http1, !http1 && HeaderRules.isWebSocketUpgrade(request.headers()));
    }

    /** An HTTP/2 extended CONNECT keeps nothing after its answer: the stream is reset unless it became a tunnel. */
    private Exchange(DownstreamHandler owner, ResponseRelay relay, DataPath dp, Conn conn, HttpRequest request,
            boolean http1, boolean extendedConnect) {
        super(relay, http1, http1 ? HttpUtil.isKeepAlive(request) && !owner.draining() : !extendedConnect);
        this.extendedConnect = extendedConnect;
        this.owner = owner;
        this.dp = dp;
        this.conn = conn;
        this.head = new NettyHead(request, conn.scheme());
        this.requestId = HeaderRules.requestIdValue(request.headers());
        this.protocol = http1 ? request.protocolVersion().text() : conn.protocol();
    }

    /** Routes the head and answers, redirects or forwards it ({@link Dispatch}); {@code ctx} is the downstream's. */
    void start(ChannelHandlerContext ctx) {
        long length = HttpUtil.getContentLength(head.request(), -1L);
        hasBody = length > 0 || HttpUtil.isTransferEncodingChunked(head.request());
        Dispatch.start(this, length, ctx, dp, conn);
    }

    Conn conn() {
        return conn;
    }

    NettyHead head() {
        return head;
    }

    @Override
    HttpRequest request() {
        return head.request();
    }

    @Override
    boolean requestComplete() {
        return requestComplete;
    }

    @Override
    boolean extendedConnect() {
        return extendedConnect;
    }

    @Override
    boolean bodyExpected() {
        return hasBody;
    }

    /** For the access log and metrics: the route that matched, the backend picked, the upstream's time to answer. */
    void route(String name) {
        route = name;
    }

    void backend(String clusterName) {
        backend = clusterName;
    }

    void upstreamAnswered(long micros) {
        upstreamMicros = micros;
    }

    /** The route forwards: from now on {@code f} tries the upstream; {@code requestTimer} (or null) is its deadline. */
    void forward(Forwarding f, ScheduledFuture<?> requestTimer) {
        forwarding = f;
        this.requestTimer = requestTimer;
        forwarding();
    }

    /** A part of the request body from the downstream: counted and limited, dropped once answered, else forwarded. */
    void onRequestContent(HttpContent c) {
        bytesIn += c.content().readableBytes();
        boolean last = c instanceof LastHttpContent;
        requestComplete |= last;
        long max = dp.limits.maxBodyBytes();
        if (c.decoderResult().isFailure()) {
            c.release();
            requestComplete = true;
            refuse(400, "bad-request", "invalid request body: " + c.decoderResult().cause());
        } else if (phase().answered() || forwarding == null) {
            c.release();
            if (last) {
                finishIfComplete();
            }
        } else if (max > 0 && bytesIn > max) {
            c.release();
            refuse(413, "body-too-large", "request body over maxBodyBytes " + max);
        } else if (hasBody) {
            forwarding.requestPart(c, last);
        } else {
            c.release();
        }
    }

    /** End of a downstream read batch: flush what went upstream. */
    void flushUpstream() {
        if (forwarding != null) {
            forwarding.flushUpstream();
        }
    }

    /** The client's channel filled up or drained: the upstream answering stops or resumes reading. */
    void downstreamWritable(boolean writable) {
        if (forwarding != null) {
            forwarding.downstreamWritable(writable);
        }
    }

    /** A request the limits refuse (400, 413): counted and logged once per cause, then answered or cut. */
    void refuse(int code, String reason, String detail) {
        dp.refused(reason, detail, conn.client());
        if (finished()) {
            cut();
        } else {
            fail(reason, false, code, detail);
        }
    }

    /** Routing failed with an exception: a 500 when nothing went down yet. */
    void internalError() {
        if (phase().beforeResponse()) {
            fail(null, false, 500, "internal error");
        }
    }

    /** The downstream connection or stream closed under the exchange. */
    void downstreamClosed() {
        if (!finished()) {
            clientGone();
            stopForward();
            finish();
        }
    }

    @Override
    void stopForward() {
        if (forwarding != null) {
            forwarding.abort();
        }
    }

    @Override
    void finish() {
        if (!markDone()) {
            return;
        }
        if (requestTimer != null) {
            requestTimer.cancel(false);
        }
        stopForward();
        long micros = (System.nanoTime() - startNanos) / 1000;
        if (dp.accessLog.enabled()) {
            dp.accessLog.write(new AccessRecord(startMillis, head.method(), head.authority(), head.uri(), protocol,
                    status(), flags(), conn.gateway(), route, backend,
                    forwarding == null ? "" : forwarding.endpointName(), bytesIn, bytesOut(), micros, upstreamMicros,
                    requestId.toString(), conn.client() == null ? "" : conn.client().toString()));
        }
        if (dp.metrics != null) {
            dp.metrics.record(conn, conn.gateway(), route, backend, status(), micros);
        }
        owner.exchangeDone(this, keepAlive() && requestComplete);
    }
}
