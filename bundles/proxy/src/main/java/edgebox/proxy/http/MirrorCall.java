package edgebox.proxy.http;

import java.util.ArrayDeque;

import edgebox.proxy.balance.Balancer;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.upstream.Acquired;
import edgebox.proxy.upstream.Overloaded;
import edgebox.proxy.upstream.Upstream;
import edgebox.proxy.upstream.UpstreamListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One mirror copy of a request, on the request's event loop: the head, then each body part (a retained slice of the
 * primary's) as it comes. It never holds the primary back: a part that would leave more than
 * {@link #MAX_IN_FLIGHT} bytes queued for the mirror (before its connection is leased, or in the connection's
 * outbound buffer after) drops the copy, as does a connect failure, a close, or a request that ends before its body
 * does. A dropped copy's connection is closed and the drop counted by reason. The mirror's answer is read and
 * dropped.
 */
final class MirrorCall implements UpstreamListener, Acquired {

    /** Four times the primary's queue before a lease and write buffer: room for a read burst, a bound all the same. */
    static final int MAX_IN_FLIGHT = 256 * 1024;

    private final Balancer balancer;
    private final Endpoint endpoint;
    private final HttpRequest head;
    private final ProxyMetrics metrics;
    private ArrayDeque<ByteBuf> queued;
    private int queuedBytes;
    private boolean requestEnded;
    private HttpHeaders trailers = EmptyHttpHeaders.INSTANCE;
    private Upstream upstream;
    private boolean over;

    /** {@code whole}: the request has no body, the head is all there is to send. */
    MirrorCall(Balancer balancer, Endpoint endpoint, HttpRequest head, boolean whole, ProxyMetrics metrics) {
        this.balancer = balancer;
        this.endpoint = endpoint;
        this.head = head;
        this.requestEnded = whole;
        this.metrics = metrics;
    }

    /** A part of the request body; {@code data} stays the caller's. */
    void part(ByteBuf data, boolean last, HttpHeaders lastTrailers) {
        if (over) {
            return;
        }
        int n = data.readableBytes();
        if (upstream == null) {
            if (queuedBytes + n > MAX_IN_FLIGHT) {
                drop("slow");
                return;
            }
            if (queued == null) {
                queued = new ArrayDeque<>(4);
            }
            queued.add(data.retainedSlice());
            queuedBytes += n;
        } else {
            Channel ch = upstream.channel();
            if (!ch.isWritable() && ch.bytesBeforeWritable() + n > MAX_IN_FLIGHT) {
                drop("slow");
                return;
            }
            ByteBuf slice = data.retainedSlice();
            ch.writeAndFlush(last ? new DefaultLastHttpContent(slice, lastTrailers) : new DefaultHttpContent(slice),
                    ch.voidPromise());
        }
        if (last) {
            requestEnded = true;
            trailers = lastTrailers;
        }
    }

    @Override
    public void acquired(Upstream up) {
        if (over) {
            up.release(false);
            return;
        }
        upstream = up;
        Channel ch = up.channel();
        ch.write(head, ch.voidPromise());
        ByteBuf b;
        while (queued != null && (b = queued.poll()) != null) {
            ch.write(new DefaultHttpContent(b), ch.voidPromise());
        }
        queuedBytes = 0;
        if (requestEnded) {
            ch.write(trailers.isEmpty() ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, trailers), ch.voidPromise());
        }
        ch.flush();
    }

    @Override
    public void failed(Throwable cause) {
        drop(cause instanceof Overloaded ? "overloaded" : "connect");
    }

    @Override
    public void onResponse(HttpObject msg) {
        boolean last = msg instanceof LastHttpContent;
        ReferenceCountUtil.release(msg);
        if (last && !over) {
            over = true;
            balancer.finished(endpoint, true);
            upstream.release(requestEnded);
        }
    }

    @Override
    public void onReadComplete() {
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
    }

    @Override
    public void onClosed(Throwable cause) {
        drop("closed");
    }

    /** The primary's exchange is over: a copy still missing body parts will never get them. */
    void requestOver() {
        if (!requestEnded) {
            drop("incomplete");
        }
    }

    private void drop(String reason) {
        if (over) {
            return;
        }
        over = true;
        ByteBuf b;
        while (queued != null && (b = queued.poll()) != null) {
            b.release();
        }
        if (upstream != null) {
            upstream.release(false);
        }
        balancer.finished(endpoint, !"connect".equals(reason) && !"closed".equals(reason));
        if (metrics != null) {
            metrics.mirrorDropped(reason);
        }
    }
}
