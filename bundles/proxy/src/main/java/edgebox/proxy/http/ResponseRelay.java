package edgebox.proxy.http;

import edgebox.proxy.route.RouteDecision.HeaderChanges;
import edgebox.proxy.upstream.Upstream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;

/**
 * Moves answers down to the client of one {@link DownstreamHandler} (an HTTP/1.1 connection or an HTTP/2 stream),
 * as its exchanges' {@link ExchangeAnswer} decides: a relayed response's parts as they come, reporting when the
 * channel is full so the upstream stops reading; the last part with the flush or close it needs; whole answers with
 * their Connection fields; the switch to a WebSocket tunnel; a cut. An HTTP/1.1 connection is flushed at once, an
 * HTTP/2 stream once for its whole connection per event-loop turn ({@link BatchFlush}). One per handler, made when
 * the handler is added; it keeps nothing of an exchange, so a connection's exchanges share it.
 */
final class ResponseRelay {

    /**
     * Ends an HTTP/2 stream whose answer went out while the request goes on (RFC 9113 8.1), after the answer's
     * frames: a reset written earlier would drop DATA still waiting for flow-control window.
     */
    private static final ChannelFutureListener RESET_STREAM = f -> {
        if (f.channel().isActive()) {
            f.channel().writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
        }
    };

    private final DownstreamHandler handler;
    private final ChannelHandlerContext ctx;
    private final Conn conn;
    private final boolean http1;
    private final long tunnelIdleMillis;

    ResponseRelay(DownstreamHandler handler, ChannelHandlerContext ctx, Conn conn, boolean http1,
            long tunnelIdleMillis) {
        this.handler = handler;
        this.ctx = ctx;
        this.conn = conn;
        this.http1 = http1;
        this.tunnelIdleMillis = tunnelIdleMillis;
    }

    /** True while the handler drains: HTTP/1.1 answers then close the connection. */
    boolean draining() {
        return handler.draining();
    }

    /** A response head whose body follows. */
    void head(HttpResponse r) {
        ctx.write(r, ctx.voidPromise());
    }

    /** A part of the body; false when the channel cannot take more now (the upstream should stop reading). */
    boolean part(HttpContent c) {
        ctx.write(c, ctx.voidPromise());
        return ctx.channel().isWritable();
    }

    /**
     * The response's last part (or the whole response); {@code close} closes an HTTP/1.1 connection after it, or
     * resets an HTTP/2 stream with NO_ERROR once it is written.
     */
    void end(LastHttpContent last, boolean close) {
        if (close) {
            ctx.writeAndFlush(last).addListener(http1 ? ChannelFutureListener.CLOSE : RESET_STREAM);
        } else if (http1) {
            ctx.writeAndFlush(last, ctx.voidPromise());
        } else {
            ctx.write(last, ctx.voidPromise());
            flush();
        }
    }

    /**
     * Flushes what went down: an HTTP/1.1 connection now; an HTTP/2 stream once for the whole connection after this
     * event-loop turn ({@link BatchFlush}), or at the end of the connection's read when it is being read.
     */
    void flush() {
        Channel parent = http1 ? null : ctx.channel().parent();
        if (parent == null) {
            ctx.flush();
        } else {
            conn.batchFlush(parent).request();
        }
    }

    /**
     * A whole answer: Connection fields for HTTP/1.1 as {@code keepAlive} says (close, or keep-alive to an HTTP/1.0
     * client), and an HTTP/1.1 connection that is not kept closes once it is written; an HTTP/2 stream that is not
     * kept is reset with NO_ERROR once it is written.
     */
    void whole(FullHttpResponse r, boolean keepAlive, HttpVersion requestVersion) {
        if (http1 && !keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (http1 && requestVersion == HttpVersion.HTTP_1_0 && keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(http1 ? ChannelFutureListener.CLOSE : RESET_STREAM);
        }
    }

    /**
     * The backend switched to WebSocket: {@code switching} goes down (on an HTTP/2 stream as 200) and the handler
     * gives way to a {@link Tunnel}; {@code clientEnded}: the HTTP/2 client ended its stream already.
     */
    void tunnel(Upstream upstream, HttpResponse switching, HeaderChanges changes, boolean clientEnded) {
        if (http1) {
            Tunnel.open(ctx, handler, upstream, switching, changes, tunnelIdleMillis);
        } else {
            Tunnel.openStream(ctx, handler, upstream, switching, changes, tunnelIdleMillis, clientEnded);
        }
    }

    /** Closes the channel: a response that started cannot be finished any other way. */
    void cut() {
        ctx.channel().close();
    }
}
