package edgebox.proxy.http;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Last in a downstream HTTP/1.1 pipeline (after {@link ServerCodec}, the h2c upgrade handler and the idle timer) or
 * in an HTTP/2 stream's pipeline (after the frame-to-HTTP/1 codec and {@link StreamLengthGate}). It refuses requests
 * the codec marked invalid (400, 414, 431, and closes) or {@link RequestTarget} refuses, resets an HTTP/2 stream the
 * codecs found malformed with their error code, runs one {@link Exchange} at a time, keeps pipelined requests until the current one
 * is answered, and closes an idle or draining connection when no request is in flight. On HTTP/1.1 it times the
 * idleness itself: one timer per idle period that looks at the time of the last read or answer, rather than netty's
 * IdleStateHandler, which costs a promise and a listener for every write.
 */
final class DownstreamHandler extends ChannelInboundHandlerAdapter {

    private static final int MAX_BACKLOG = 32;

    private final boolean http1;
    private final DataPath dp;
    private final Conn conn;
    /** Requests pipelined behind the current one; made on first use (an HTTP/2 stream never needs it). */
    private ArrayDeque<Object> backlog;
    private ResponseRelay relay;
    private Exchange current;
    private boolean draining;
    private boolean closing;
    private ScheduledFuture<?> drainClose;
    private ScheduledFuture<?> idleTimer;
    private long lastActive;
    private ChannelHandlerContext ctx;

    DownstreamHandler(DataPath dp, Conn conn, boolean http1) {
        this.dp = dp;
        this.conn = conn;
        this.http1 = http1;
    }

    boolean draining() {
        return draining;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.relay = new ResponseRelay(this, ctx, conn, http1, dp.limits.idleTimeoutMillis());
        if (http1 && dp.limits.idleTimeoutMillis() > 0) {
            lastActive = ctx.executor().ticker().nanoTime();
            idleTimer = ctx.executor().schedule(this::idleCheck, dp.limits.idleTimeoutMillis(), TimeUnit.MILLISECONDS);
        }
        if (http1 && dp.connections.draining()) {
            draining = true;
            closeAfterGrace();
        }
    }

    /** The idle timer: closes the connection when nothing was read or answered for the idle timeout. */
    private void idleCheck() {
        idleTimer = null;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long timeout = TimeUnit.MILLISECONDS.toNanos(dp.limits.idleTimeoutMillis());
        long idle = ctx.executor().ticker().nanoTime() - lastActive;
        if (current == null && idle >= timeout) {
            ctx.close();
            return;
        }
        long next = current == null ? timeout - idle : timeout;
        idleTimer = ctx.executor().schedule(this::idleCheck, Math.max(next, 1), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (idleTimer != null) {
            lastActive = ctx.executor().ticker().nanoTime();
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        Exchange x = current;
        if (x != null) {
            if (!x.requestComplete() && msg instanceof HttpContent c && !(msg instanceof HttpRequest)) {
                x.onRequestContent(c);
            } else {
                if (backlog == null) {
                    backlog = new ArrayDeque<>(2);
                }
                backlog.add(msg);
                if (backlog.size() > MAX_BACKLOG) {
                    ctx.channel().config().setAutoRead(false);
                }
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            begin(ctx, request);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest msg) {
        if (!msg.decoderResult().isSuccess()) {
            ReferenceCountUtil.release(msg);
            Throwable cause = msg.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                refuse(ctx, 414, "request-line-too-long", cause.getMessage());
            } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                refuse(ctx, 431, "header-too-large", cause.getMessage());
            } else {
                refuse(ctx, 400, "bad-request", cause == null ? "invalid request" : cause.getMessage());
            }
            return;
        }
        if (msg.headers().size() > dp.limits.maxHeaderCount()) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, 431, "too-many-headers", msg.headers().size() + " header fields, more than maxHeaderCount "
                    + dp.limits.maxHeaderCount());
            return;
        }
        if (http1 && msg.protocolVersion() == HttpVersion.HTTP_1_1 && !msg.headers().contains(HttpHeaderNames.HOST)) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, 400, "missing-host", "an HTTP/1.1 request without Host");
            return;
        }
        RequestTarget.Refusal bad = RequestTarget.check(msg, http1);
        if (bad != null) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, bad.status(), bad.reason(), bad.detail() + ": " + msg.method() + " " + msg.uri());
            return;
        }
        if (drainClose != null) {
            drainClose.cancel(false);
            drainClose = null;
        }
        HttpRequest head = msg;
        HttpContent rest = null;
        if (msg instanceof FullHttpRequest full) {
            head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            rest = new DefaultLastHttpContent(full.content(), full.trailingHeaders());
        }
        Exchange x = new Exchange(this, relay, dp, conn, head, http1);
        current = x;
        try {
            x.start(ctx);
        } catch (RuntimeException e) {
            dp.refused("internal-error", "routing " + head.uri() + " failed: " + e, conn.client());
            x.internalError();
        }
        if (rest != null) {
            x.onRequestContent(rest);
        }
    }

    /** A request the edge rules refuse: a short answer, then the connection closes (HTTP/1.1) or the stream ends. */
    private void refuse(ChannelHandlerContext ctx, int status, String reason, String detail) {
        dp.refused(reason, detail, conn.client());
        closing = http1;
        var f = ctx.writeAndFlush(LocalResponses.text(status, reason, http1));
        f.addListener(ChannelFutureListener.CLOSE);
    }

    /** The exchange answered; with keep-alive, the next pipelined request (if any) starts. */
    void exchangeDone(Exchange x, boolean keepAlive) {
        if (x != current) {
            return;
        }
        current = null;
        if (!http1) {
            return;
        }
        if (idleTimer != null) {
            lastActive = ctx.executor().ticker().nanoTime();
        }
        if (!keepAlive) {
            closing = true;
            releaseBacklog();
            return;
        }
        Object next;
        while (current == null && !closing && backlog != null && (next = backlog.poll()) != null) {
            channelRead(ctx, next);
        }
        if (current == null && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (current == null && draining) {
            closeAfterGrace();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == RequestDecoder.HEAD_TIMEOUT) {
            if (current == null && !closing) {
                refuse(ctx, 408, "header-timeout", "request head not complete within "
                        + dp.limits.headerReadTimeoutMillis() + " ms");
            }
        } else if (evt instanceof IdleStateEvent) {
            if (current == null) {
                ctx.close();
            }
        } else if (evt == Connections.DRAIN) {
            draining = true;
            if (current == null) {
                closeAfterGrace();
            }
        } else if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent) {
            ctx.pipeline().remove(this);
            ctx.fireUserEventTriggered(evt);
            return;
        }
        ReferenceCountUtil.release(evt);
    }

    private void closeAfterGrace() {
        if (drainClose == null && http1) {
            drainClose = ctx.executor().schedule(() -> {
                if (current == null) {
                    ctx.close();
                }
            }, dp.limits.drainIdleGraceMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange x = current;
        if (x != null) {
            x.flushUpstream();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange x = current;
        if (x != null) {
            x.downstreamWritable(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange x = current;
        if (x != null) {
            x.downstreamClosed();
        }
        releaseBacklog();
        if (drainClose != null) {
            drainClose.cancel(false);
        }
        cancelIdleTimer();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable h2 = cause instanceof DecoderException d && d.getCause() != null ? d.getCause() : cause;
        if (!http1 && h2 instanceof Http2Exception malformed) {
            dp.refused("http2-malformed", malformed.getMessage(), conn.client());
            closing = true;
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(malformed.error())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!(cause instanceof java.io.IOException)) {
            dp.refused("protocol-error", cause.getClass().getSimpleName() + ": " + cause.getMessage(), conn.client());
        }
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelIdleTimer();
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private void releaseBacklog() {
        Object o;
        while (backlog != null && (o = backlog.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }
}
