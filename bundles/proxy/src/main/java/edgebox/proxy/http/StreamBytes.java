package edgebox.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * In an HTTP/2 stream that became a WebSocket {@link Tunnel}, between the stream channel and the tunnel: a DATA
 * frame's bytes go up as they are and its END_STREAM as {@link ChannelInputShutdownEvent}; bytes written go down as
 * DATA frames. Other frames (trailers) are dropped. The stream channel returns flow-control window only for frames
 * read, so a tunnel that stops reading (its peer is full) holds the client back by the stream's window.
 */
final class StreamBytes extends ChannelDuplexHandler {

    private static final Object END_STREAM = new Object();

    /** Ends {@code stream} with an empty DATA frame carrying END_STREAM; a stream that cannot take it is closed. */
    static void end(Channel stream) {
        stream.writeAndFlush(END_STREAM).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2DataFrame data)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf bytes = data.content();
        if (bytes.isReadable()) {
            ctx.fireChannelRead(bytes);
        } else {
            bytes.release();
        }
        if (data.isEndStream()) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            ctx.write(new DefaultHttp2DataFrame(bytes), promise);
        } else if (msg == END_STREAM) {
            ctx.write(new DefaultHttp2DataFrame(true), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
