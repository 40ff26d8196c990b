package edgebox.proxy.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * An HTTP/1.1 backend on 127.0.0.1 for the proxy's socket tests. {@code /slow} answers after 2 s, {@code /flaky}
 * answers 503 twice then 200, {@code /ws} is a WebSocket echo (subprotocol {@code chat} when asked for; the
 * message {@code stall} stops its reading for good), anything else answers 200 with the method, URI and request
 * headers in the body. Every request is queued in {@link #requests}, every WebSocket handshake in {@link #upgrades}
 * (headers as the body); connections are counted as they open and as they close.
 */
final class TestBackend implements AutoCloseable {

    /** A request as the backend saw it, copied out of netty's buffers. */
    record Seen(String method, String uri, String body) {
    }

    final LinkedBlockingQueue<Seen> requests = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Seen> upgrades = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Channel server;

    TestBackend(EventLoopGroup group) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        ch.closeFuture().addListener(f -> closed.incrementAndGet());
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(1 << 20),
                                new Handshakes(), new WebSocketServerProtocolHandler("/ws", "chat"),
                                new Echo(), new WsEcho());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    private final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            requests.add(new Seen(req.method().name(), req.uri(), req.content().toString(StandardCharsets.UTF_8)));
            String path = req.uri();
            int n = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/slow")) {
                FullHttpResponse r = reply(req, HttpResponseStatus.OK, "slow");
                ctx.executor().schedule(() -> ctx.writeAndFlush(r), 2, TimeUnit.SECONDS);
                return;
            }
            if (path.startsWith("/flaky") && n <= 2) {
                ctx.writeAndFlush(reply(req, HttpResponseStatus.SERVICE_UNAVAILABLE, "try again"));
                return;
            }
            StringBuilder b = new StringBuilder(req.method() + " " + req.uri() + "\n");
            b.append(headerLines(req)).append("body: ").append(req.content().toString(StandardCharsets.UTF_8));
            ctx.writeAndFlush(reply(req, HttpResponseStatus.OK, b.toString()));
        }
    }

    private final class Handshakes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest req && req.headers().contains(HttpHeaderNames.UPGRADE)) {
                upgrades.add(new Seen(req.method().name(), req.uri(), headerLines(req)));
            }
            ctx.fireChannelRead(msg);
        }
    }

    private static String headerLines(FullHttpRequest req) {
        StringBuilder b = new StringBuilder();
        req.headers().forEach(e -> b.append(e.getKey().toLowerCase()).append(": ").append(e.getValue())
                .append('\n'));
        return b.toString();
    }

    private static FullHttpResponse reply(FullHttpRequest req, HttpResponseStatus status, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        r.headers().set("x-backend", "test");
        return r;
    }

    private static final class WsEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            if (frame.text().equals("stall")) {
                ctx.channel().config().setAutoRead(false);
                return;
            }
            ctx.writeAndFlush(new TextWebSocketFrame("echo: " + frame.text()));
        }
    }
}
