package edgebox.proxy.http;

import java.util.ArrayDeque;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The request body of a forwarded {@link Exchange} on its way upstream. Held whole when the exchange may replay it
 * (retries, mirrors), so every attempt writes the same bytes; else streamed to the leased connection as it comes:
 * parts that arrive before the lease wait in a short queue, and downstream reading stops while the upstream (or the
 * queue) cannot take more. Made by {@link Forwarding} for requests that have a body; the exchange counts, limits
 * and refuses parts before they get here.
 */
final class RequestBody {

    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final boolean hold;
    private final int queueLimit;
    private CompositeByteBuf held;
    private ArrayDeque<HttpContent> pending;
    private long pendingBytes;
    private Channel upstream;
    private boolean ended;

    /** {@code ctx} is the downstream's; {@code hold} keeps the body for replays, else it streams. */
    RequestBody(ChannelHandlerContext ctx, HttpRequest request, boolean hold, int queueLimit) {
        this.ctx = ctx;
        this.request = request;
        this.hold = hold;
        this.queueLimit = queueLimit;
        if (hold) {
            held = ctx.alloc().compositeBuffer(64);
        }
    }

    /** The held body; null when nothing is held. */
    CompositeByteBuf held() {
        return held;
    }

    /**
     * A part from the downstream, owned here from now on. True when it completed a held body: the request (now framed
     * by Content-Length) is ready for its first attempt.
     */
    boolean accept(HttpContent c, boolean last) {
        if (last) {
            ended = true;
        }
        if (hold) {
            if (held != null && c.content().isReadable()) {
                held.addComponent(true, c.content().retain());
            }
            c.release();
            if (last && held != null) {
                request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, held.readableBytes());
                return true;
            }
            return false;
        }
        Channel uc = upstream;
        if (uc == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(c);
            pendingBytes += c.content().readableBytes();
            if (pendingBytes > queueLimit) {
                ctx.channel().config().setAutoRead(false);
            }
            return false;
        }
        uc.write(c, uc.voidPromise());
        if (!uc.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
        return false;
    }

    /** The request for one attempt's connection: head and body, or head and the body's start when it streams. */
    static void writeTo(RequestBody body, HttpRequest request, Channel uc) {
        if (body != null) {
            body.writeTo(uc);
        } else {
            uc.write(request, uc.voidPromise());
            uc.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, uc.voidPromise());
        }
    }

    private void writeTo(Channel uc) {
        uc.write(request, uc.voidPromise());
        if (hold) {
            uc.write(held == null ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(held.retainedDuplicate(), EmptyHttpHeaders.INSTANCE),
                    uc.voidPromise());
            uc.flush();
            return;
        }
        upstream = uc;
        if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                uc.write(c, uc.voidPromise());
            }
        }
        pendingBytes = 0;
        uc.flush();
        if (!uc.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        } else if (!ended && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The upstream's writability changed: a streamed body still coming is read from the downstream as it allows. */
    void upstreamWritable(boolean writable) {
        if (!hold && !ended) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    /** Releases whatever is queued or held. */
    void release() {
        if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                c.release();
            }
        }
        if (held != null) {
            held.release();
            held = null;
        }
    }
}
