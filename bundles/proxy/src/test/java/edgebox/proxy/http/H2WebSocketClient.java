package edgebox.proxy.http;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;

/**
 * An RFC 8441 client for the socket tests: netty's HTTP/2 client codec on h2c prior knowledge (or TLS with ALPN h2),
 * one extended CONNECT per {@link Stream}, and on a 200 netty's WebSocket frame codec (client side: masked frames)
 * over the stream's DATA frames. It records the server's SETTINGS, the response head, the body of any other answer,
 * the WebSocket frames received, END_STREAM and RST_STREAM.
 */
final class H2WebSocketClient implements AutoCloseable {

    final CompletableFuture<Http2Settings> settings = new CompletableFuture<>();
    private final Channel parent;

    /** Connects to 127.0.0.1:{@code port}; with {@code ssl} over TLS to server name {@code sni}. */
    H2WebSocketClient(EventLoopGroup group, int port, SslContext ssl, String sni) throws InterruptedException {
        parent = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), sni, port));
                        }
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        ch.pipeline().addLast(new SettingsWatch());
                    }
                }).connect("127.0.0.1", port).sync().channel();
    }

    /** The extended CONNECT for {@code path} with :protocol {@code protocol} (null: none), version 13. */
    static Http2Headers connect(String path, String protocol) {
        Http2Headers h = new DefaultHttp2Headers().method("CONNECT").scheme("http").authority("ws.example")
                .path(path).set("sec-websocket-version", "13");
        return protocol == null ? h : h.set(":protocol", protocol);
    }

    /** Opens a stream and sends {@code headers} (without END_STREAM). */
    Stream open(Http2Headers headers) throws InterruptedException {
        Stream s = new Stream();
        Http2StreamChannel ch = new Http2StreamChannelBootstrap(parent).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                c.pipeline().addLast(s.new Bridge(), new WebSocket13FrameDecoder(false, true, 1 << 20),
                        new WebSocket13FrameEncoder(true), s.new Frames());
            }
        }).open().sync().getNow();
        s.channel = ch;
        ch.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false)).sync();
        return s;
    }

    @Override
    public void close() {
        parent.close().syncUninterruptibly();
    }

    /** One stream: what came back on it, and ways to send on it. */
    static final class Stream {
        final CompletableFuture<Http2Headers> response = new CompletableFuture<>();
        final StringBuffer body = new StringBuffer();
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Boolean> endStream = new CompletableFuture<>();
        final CompletableFuture<Long> reset = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private Http2StreamChannel channel;

        void send(WebSocketFrame frame) throws InterruptedException {
            write(frame).sync();
        }

        /** Sends {@code frame}; the future completes once its bytes are on the socket. */
        ChannelFuture write(WebSocketFrame frame) {
            return channel.writeAndFlush(frame);
        }

        void sendText(String text) throws InterruptedException {
            send(new TextWebSocketFrame(text));
        }

        /** An empty DATA frame with END_STREAM. */
        void end() throws InterruptedException {
            channel.writeAndFlush(new DefaultHttp2DataFrame(true)).sync();
        }

        void cancel() throws InterruptedException {
            channel.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL)).sync();
        }

        /** DATA to bytes for the WebSocket decoder after a 200 (else into {@link #body}); bytes out to DATA. */
        private final class Bridge extends ChannelDuplexHandler {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame h) {
                    response.complete(h.headers());
                    if (h.isEndStream()) {
                        endStream.complete(true);
                    }
                } else if (msg instanceof Http2DataFrame d) {
                    boolean tunnel = "200".contentEquals(response.getNow(new DefaultHttp2Headers()).status());
                    if (tunnel && d.content().isReadable()) {
                        ctx.fireChannelRead(d.content().retain());
                    } else {
                        body.append(d.content().toString(StandardCharsets.UTF_8));
                    }
                    if (d.isEndStream()) {
                        endStream.complete(true);
                    }
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ctx.write(msg instanceof ByteBuf b ? new DefaultHttp2DataFrame(b) : msg, promise);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof Http2ResetFrame r) {
                    reset.complete(r.errorCode());
                }
                ReferenceCountUtil.release(evt);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                closed.complete(null);
                ctx.fireChannelInactive();
            }
        }

        /** WebSocket frames received: a text frame's text, a close frame as {@code close <status>}. */
        private final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
                if (frame instanceof TextWebSocketFrame t) {
                    messages.add(t.text());
                } else if (frame instanceof CloseWebSocketFrame c) {
                    messages.add("close " + c.statusCode());
                }
            }
        }
    }

    /** Keeps the server's first SETTINGS. */
    private final class SettingsWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2SettingsFrame s) {
                settings.complete(s.settings());
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
