package edgebox.proxy.http;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

/** The downstream pipelines, top to bottom, one handler a line. */
final class Pipelines {

    private Pipelines() {
    }

    /**
     * HTTP/1.1: codec (edge parsing rules), h2c Upgrade on plain ports, the proxy handler (which times idleness).
     */
    static void http1(ChannelPipeline p, DataPath dp, Conn conn, boolean h2cUpgrade) {
        ServerCodec codec = new ServerCodec(dp.limits);
        p.addLast("http", codec);
        if (h2cUpgrade) {
            p.addLast("h2c-upgrade", new H2cUpgrade(codec, dp, conn.withProtocol("HTTP/2")));
        }
        p.addLast("proxy", new DownstreamHandler(dp, conn, true));
    }

    /**
     * HTTP/2: frame codec with the flood limits (its SETTINGS enable extended CONNECT, RFC 8441), one child channel
     * per stream, idle and drain guard.
     */
    static void http2(ChannelPipeline p, DataPath dp, Conn conn) {
        p.addLast("h2", frameCodec(dp));
        p.addLast("h2-streams", new Http2MultiplexHandler(new StreamInit(dp, conn)));
        p.addLast("idle", new IdleStateHandler(0, 0, dp.limits.idleTimeoutMillis(), TimeUnit.MILLISECONDS));
        p.addLast("h2-guard", new Http2Guard(dp, conn));
    }

    static Http2FrameCodec frameCodec(DataPath dp) {
        Limits l = dp.limits;
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings()
                        .maxConcurrentStreams(l.http2MaxConcurrentStreams())
                        .maxHeaderListSize(l.maxHeaderBytes())
                        .connectProtocolEnabled(true))
                .decoderEnforceMaxRstFramesPerWindow(l.http2MaxResetsPerWindow(), l.http2ResetWindowSeconds())
                .encoderEnforceMaxRstFramesPerWindow(l.http2MaxResetsPerWindow(), l.http2ResetWindowSeconds())
                .decoderEnforceMaxSmallContinuationFrames(l.http2MaxSmallContinuationFrames())
                .decoderEnforceMaxConsecutiveEmptyDataFrames(2)
                .gracefulShutdownTimeoutMillis(l.drainTimeoutMillis())
                .validateHeaders(true)
                .build();
    }

    /**
     * Each HTTP/2 stream: extended CONNECT to a WebSocket handshake, frames to HTTP/1 objects, the content-length
     * gate, then the same proxy handler as HTTP/1.1.
     */
    private static final class StreamInit extends ChannelInitializer<Http2StreamChannel> {
        private final DataPath dp;
        private final Conn conn;

        StreamInit(DataPath dp, Conn conn) {
            this.dp = dp;
            this.conn = conn;
        }

        @Override
        protected void initChannel(Http2StreamChannel ch) {
            ch.pipeline().addLast(new ExtendedConnect());
            ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true, true));
            ch.pipeline().addLast(new StreamLengthGate());
            ch.pipeline().addLast(new DownstreamHandler(dp, conn, false));
        }
    }

    /** h2c Upgrade (RFC 7540 3.2) for requests asking for it; other requests pass untouched. */
    private static final class H2cUpgrade extends HttpServerUpgradeHandler {
        private static final AsciiString H2C = AsciiString.cached(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME.toString());

        H2cUpgrade(ServerCodec codec, DataPath dp, Conn conn) {
            super(codec, protocol -> H2C.contentEquals(protocol)
                    ? new Http2ServerUpgradeCodec(frameCodec(dp), new Http2MultiplexHandler(new StreamInit(dp, conn)),
                            new IdleStateHandler(0, 0, dp.limits.idleTimeoutMillis(), TimeUnit.MILLISECONDS),
                            new Http2Guard(dp, conn))
                    : null, dp.limits.replayBufferBytes());
        }

        @Override
        protected boolean shouldHandleUpgradeRequest(HttpRequest req) {
            return req.headers().contains(HttpHeaderNames.UPGRADE)
                    && req.headers().containsValue(HttpHeaderNames.UPGRADE, H2C, true);
        }

        /** Only a connection's first request may upgrade: after one that does not, this handler leaves. */
        @Override
        protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out) throws Exception {
            if (msg instanceof HttpRequest req && !shouldHandleUpgradeRequest(req)) {
                out.add(ReferenceCountUtil.retain(msg));
                ctx.pipeline().remove(this);
                return;
            }
            super.decode(ctx, msg, out);
        }
    }

    /**
     * After the HTTP/2 handlers: a drain closes the connection gracefully (GOAWAY, streams finish within the drain
     * timeout); an idle connection without streams is closed; a protocol error the codec answered with GOAWAY
     * (rapid reset, CONTINUATION flood, bad frames) is counted and logged once per cause.
     */
    static final class Http2Guard extends ChannelInboundHandlerAdapter {
        private final DataPath dp;
        private final Conn conn;

        Http2Guard(DataPath dp, Conn conn) {
            this.dp = dp;
            this.conn = conn;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (dp.connections.draining()) {
                ctx.channel().close();
            }
        }

        /** The codec answers its own errors (GOAWAY with the code, then close); others close here. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof Http2Exception) {
                dp.refused("http2-protocol", String.valueOf(cause.getMessage()), conn.client());
                return;
            }
            ctx.close();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == Connections.DRAIN) {
                ctx.channel().close();
            } else if (evt instanceof IdleStateEvent) {
                Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
                if (codec == null || codec.connection().numActiveStreams() == 0) {
                    ctx.close();
                }
            } else {
                ctx.fireUserEventTriggered(evt);
                return;
            }
            ReferenceCountUtil.release(evt);
        }
    }
}
