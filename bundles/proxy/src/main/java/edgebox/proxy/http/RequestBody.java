package edgebox.proxy.http;

import java.util.ArrayDeque;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The request body of a forwarded {@link Exchange} on its way upstream, streamed, never held whole: parts that
 * arrive before an attempt's lease wait in a short queue, later ones go straight to the leased connection, and
 * downstream reading stops while the upstream (or the queue) cannot take more. Each part also goes, as a retained
 * slice, to the request's {@link MirrorCopies}. Whether a retry can send the body again: always while no body byte
 * went upstream (the queue still holds them all); after that only when every byte so far is in the replay copy,
 * kept (for routes with retries) up to {@code bufferLimit} bytes, as Envoy's per_request_buffer_limit. Made by
 * {@link Forwarding} for requests that have a body; the exchange counts, limits and refuses parts before they get
 * here.
 */
final class RequestBody {

    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final int bufferLimit;
    private final ProxyMetrics metrics;
    private boolean keep;
    private CompositeByteBuf replay;
    private long accepted;
    private ArrayDeque<HttpContent> pending;
    private long pendingBytes;
    private MirrorCopies mirrors;
    private Channel upstream;
    private boolean written;
    private boolean ended;
    private HttpHeaders trailers = EmptyHttpHeaders.INSTANCE;

    /**
     * {@code ctx} is the downstream's; {@code keep}: the route retries, so a replay copy of up to {@code bufferLimit}
     * bytes is kept; {@code bufferLimit} also bounds the queue before a lease.
     */
    RequestBody(ChannelHandlerContext ctx, HttpRequest request, boolean keep, int bufferLimit, ProxyMetrics metrics) {
        this.ctx = ctx;
        this.request = request;
        this.keep = keep;
        this.bufferLimit = bufferLimit;
        this.metrics = metrics;
    }

    /** The mirror copies that get every part from now on. */
    void mirrors(MirrorCopies m) {
        mirrors = m;
    }

    /** True when a new attempt can send the whole body: none of it went upstream, or the replay copy holds it all. */
    boolean replayable() {
        return !written || keep;
    }

    /** A part from the downstream, owned here from now on. */
    void accept(HttpContent c, boolean last) {
        ByteBuf data = c.content();
        int n = data.readableBytes();
        if (last) {
            ended = true;
            trailers = ((LastHttpContent) c).trailingHeaders();
        }
        if (mirrors != null) {
            mirrors.part(data, last, trailers);
        }
        accepted += n;
        if (keep) {
            keepCopy(data, n);
        }
        Channel uc = upstream;
        if (uc == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(c);
            pendingBytes += n;
            if (pendingBytes > bufferLimit) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        written = true;
        uc.write(c, uc.voidPromise());
        if (!uc.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void keepCopy(ByteBuf data, int n) {
        if (accepted > bufferLimit) {
            keep = false;
            if (replay != null) {
                replay.release();
                replay = null;
            }
            if (metrics != null) {
                metrics.replayOverflow();
            }
        } else if (n > 0) {
            if (replay == null) {
                replay = ctx.alloc().compositeBuffer(64);
            }
            replay.addComponent(true, data.retainedSlice());
        }
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
        if (written) {
            // an earlier attempt took some of the body: the replay copy holds every part so far, queued ones too
            releasePending();
            ByteBuf copy = replay == null ? Unpooled.EMPTY_BUFFER : replay.retainedDuplicate();
            uc.write(ended ? new DefaultLastHttpContent(copy, trailers) : new DefaultHttpContent(copy),
                    uc.voidPromise());
        } else if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                written = true;
                uc.write(c, uc.voidPromise());
            }
        }
        pendingBytes = 0;
        upstream = uc;
        uc.flush();
        if (!uc.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        } else if (!ended && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The attempt that had the connection ended: parts from now on wait for the next one. */
    void detach() {
        upstream = null;
    }

    /** The upstream's writability changed: a streamed body still coming is read from the downstream as it allows. */
    void upstreamWritable(boolean writable) {
        if (!ended && upstream != null) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    /** Releases whatever is queued or kept; mirror copies still missing parts are dropped. */
    void release() {
        releasePending();
        if (replay != null) {
            replay.release();
            replay = null;
        }
        if (mirrors != null) {
            mirrors.requestOver();
            mirrors = null;
        }
    }

    private void releasePending() {
        if (pending != null) {
            HttpContent c;
            while ((c = pending.poll()) != null) {
                c.release();
            }
            pendingBytes = 0;
        }
    }
}
