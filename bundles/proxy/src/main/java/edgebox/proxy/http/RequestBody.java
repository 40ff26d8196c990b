package edgebox.proxy.http;

import java.util.ArrayDeque;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The request side of an {@link Exchange}: body parts from the downstream go to the upstream as they come
 * (streaming, parts that arrive before the connection is leased wait in a short queue, and downstream reading
 * stops while the upstream cannot take more), or are held whole when the exchange may replay them (retries,
 * mirrors) so every attempt writes the same bytes. Enforces maxBodyBytes (413) and refuses invalid chunks (400).
 */
final class RequestBody {

    private final Exchange x;
    private CompositeByteBuf held;
    private ArrayDeque<HttpContent> pending;
    private long pendingBytes;

    RequestBody(Exchange x) {
        this.x = x;
    }

    /** Before the first attempt: hold the body for replays, or queue parts until the upstream is leased. */
    void prepare(boolean hold) {
        if (hold) {
            held = x.ctx.alloc().compositeBuffer(64);
        } else if (!x.replay) {
            pending = new ArrayDeque<>(4);
        }
    }

    /** The held body; null when nothing is held. */
    CompositeByteBuf held() {
        return held;
    }

    /** A part of the request body from the downstream connection; this class owns it. */
    void accept(HttpContent c) {
        int n = c.content().readableBytes();
        x.bytesIn += n;
        boolean last = c instanceof LastHttpContent;
        if (last) {
            x.requestComplete = true;
        }
        if (c.decoderResult().isFailure()) {
            c.release();
            x.requestComplete = true;
            x.refuse(400, "bad-request", "invalid request body: " + c.decoderResult().cause());
            return;
        }
        if (x.finished() || x.discardBody) {
            c.release();
            if (last) {
                x.maybeFinish();
            }
            return;
        }
        long max = x.dp.limits.maxBodyBytes();
        if (max > 0 && x.bytesIn > max) {
            c.release();
            x.refuse(413, "body-too-large", "request body over maxBodyBytes " + max);
            return;
        }
        if (x.replay) {
            if (held != null && n > 0) {
                held.addComponent(true, c.content().retain());
            }
            c.release();
            if (last && held != null && x.attempt == null) {
                x.request.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                x.request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, held.readableBytes());
                x.startAttempt();
            }
            return;
        }
        Attempt a = x.attempt;
        if (a == null || a.upstream == null) {
            pending.add(c);
            pendingBytes += n;
            if (pendingBytes > x.dp.limits.replayBufferBytes()) {
                x.ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        Channel uc = a.upstream.channel();
        uc.write(c, uc.voidPromise());
        if (!uc.isWritable()) {
            x.ctx.channel().config().setAutoRead(false);
        }
    }

    /** The request head and (replayable) body for one attempt; streaming parts follow as they arrive. */
    void writeTo(Attempt a) {
        Channel uc = a.upstream.channel();
        uc.write(x.request, uc.voidPromise());
        if (x.replay) {
            uc.write(held == null ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(held.retainedDuplicate()), uc.voidPromise());
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
            x.ctx.channel().config().setAutoRead(false);
        } else if (!x.requestComplete && !x.ctx.channel().config().isAutoRead()) {
            x.ctx.channel().config().setAutoRead(true);
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
