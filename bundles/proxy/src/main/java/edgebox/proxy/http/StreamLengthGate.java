package edgebox.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * In an HTTP/2 stream's pipeline, between the frame-to-HTTP/1 codec and the {@link DownstreamHandler}: a request
 * whose DATA disagrees with its content-length is malformed (RFC 9113 8.1.1) and must not reach a backend. The frame
 * codec resets a stream when DATA goes past the declared length or the stream ends short of it, but the parts before
 * would already be upstream, and a backend that got all the declared bytes has a complete request. So the part that
 * completes the declared length (the head itself for content-length 0) is kept back until the stream ends; a stream
 * reset before then leaves the backend with an incomplete request that the aborted exchange closes. A head that ends
 * the stream while declaring a body is refused here.
 */
final class StreamLengthGate extends ChannelInboundHandlerAdapter {

    /** Declared bytes still to come; -1 when the request declares no length or the gate has nothing to do. */
    private long remaining = -1;
    /** The request head or body part kept back until the stream ends; null when none. */
    private Object held;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            long length = HttpUtil.getContentLength(request, -1L);
            if (msg instanceof LastHttpContent full) {
                if (length >= 0 && length != full.content().readableBytes()) {
                    ReferenceCountUtil.release(msg);
                    malformed(ctx, "content-length " + length + " on a request of "
                            + full.content().readableBytes() + " bytes");
                    return;
                }
            } else if (length == 0) {
                held = msg;
                remaining = 0;
                return;
            } else {
                remaining = length;
            }
        } else if (remaining >= 0 && msg instanceof HttpContent c) {
            if (msg instanceof LastHttpContent) {
                remaining = -1;
                releaseHeld(ctx);
            } else if (held != null) {
                c.release();
                return;
            } else {
                remaining -= c.content().readableBytes();
                if (remaining == 0) {
                    held = msg;
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void releaseHeld(ChannelHandlerContext ctx) {
        Object h = held;
        if (h != null) {
            held = null;
            ctx.fireChannelRead(h);
        }
    }

    private static void malformed(ChannelHandlerContext ctx, String detail) {
        ctx.fireExceptionCaught(Http2Exception.streamError(((Http2StreamChannel) ctx.channel()).stream().id(),
                Http2Error.PROTOCOL_ERROR, detail));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        ReferenceCountUtil.release(held);
        held = null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ReferenceCountUtil.release(held);
        held = null;
        ctx.fireChannelInactive();
    }
}
