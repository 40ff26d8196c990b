package edgebox.proxy.http;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * First on a plain port: looks at the first bytes and sets up HTTP/2 (h2c prior knowledge, the client preface
 * {@code PRI * HTTP/2.0}) or HTTP/1.1 (with h2c Upgrade), then removes itself and hands the bytes on. A connection
 * that sends nothing within the header-read timeout is closed (as TLS ports close one without a ClientHello).
 */
final class PlainDetector extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    private final DataPath dp;
    private final Conn conn;

    PlainDetector(DataPath dp, Conn conn) {
        this.dp = dp;
        this.conn = conn;
    }

    private ScheduledFuture<?> silence;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long millis = dp.limits.headerReadTimeoutMillis();
        if (millis > 0) {
            silence = ctx.executor().schedule(() -> {
                dp.refused("silent-connection", "no request within " + millis + " ms", conn.client());
                ctx.close();
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (silence != null) {
            silence.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        if (n == 0) {
            return;
        }
        boolean prefix = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n);
        if (prefix && n < PREFACE.readableBytes()) {
            return;
        }
        if (prefix) {
            Pipelines.http2(ctx.pipeline(), dp, conn.withProtocol("HTTP/2"));
        } else {
            Pipelines.http1(ctx.pipeline(), dp, conn, true);
        }
        ctx.pipeline().remove(this);
    }
}
