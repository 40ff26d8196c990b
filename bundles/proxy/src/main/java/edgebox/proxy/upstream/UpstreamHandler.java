package edgebox.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Last in an upstream connection's (or HTTP/2 stream's) pipeline, after the HTTP client codec: hands response
 * parts to the {@link UpstreamListener} that holds the connection now. While pooled (no listener) anything read
 * is unexpected: the connection is closed, and an idle timeout closes it too.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private UpstreamListener listener;
    private Throwable failure;
    private EndpointSlots slots;

    /** The endpoint slots the connection holds one of (an HTTP/1.1 connection's; null for an h2c stream). */
    void slots(EndpointSlots slots) {
        this.slots = slots;
    }

    EndpointSlots slots() {
        return slots;
    }

    void listener(UpstreamListener listener) {
        this.listener = listener;
    }

    boolean leased() {
        return listener != null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamListener l = listener;
        if (l != null && msg instanceof HttpObject http) {
            l.onResponse(http);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.onReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        if (l != null) {
            l.onWritabilityChanged(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && listener == null) {
            ctx.close();
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamListener l = listener;
        listener = null;
        if (l != null) {
            l.onClosed(failure);
        }
    }
}
