package edgebox.dns.forward;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;

import org.xbill.DNS.Message;

import edgebox.dns.cache.DnsWire;

/**
 * Queries to one upstream over TCP or DNS over TLS, on one reused connection: queries are written as they come,
 * two-byte length prefixed (RFC 7766), and replies matched by ID, so several are in flight at once. All state lives
 * on one event loop, so it needs no locks. The connection closes after {@link #IDLE_SECONDS} without queries; when
 * the upstream closes a reused connection under a written query, that query is sent once more on a fresh one.
 */
final class StreamUpstream {

    static final int IDLE_SECONDS = 20;
    private static final int ID_TRIES = 16;

    private final Upstream upstream;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SslContext tls;
    private final int timeoutMillis;
    private final RandomGenerator ids;
    private Connection current;
    private boolean closed;

    StreamUpstream(Upstream upstream, EventLoop loop, Class<? extends SocketChannel> type, SslContext tls,
            int timeoutMillis, RandomGenerator ids) {
        this.upstream = upstream;
        this.loop = loop;
        this.tls = tls;
        this.timeoutMillis = timeoutMillis;
        this.ids = ids;
        this.bootstrap = new Bootstrap().group(loop).channel(type);
    }

    /** Sends {@code sent} (its ID may be changed to one not in flight) and completes with the matching reply. */
    CompletableFuture<UpstreamReply> query(Message sent) {
        Pending pending = new Pending(sent, new CompletableFuture<>());
        loop.execute(() -> start(pending));
        return pending.result;
    }

    /** Closes the connection; queries in flight fail. Nothing to do when the event loop has already stopped. */
    void close() {
        if (loop.isShuttingDown()) {
            return;
        }
        try {
            loop.execute(() -> {
                closed = true;
                if (current != null) {
                    current.channel.close();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            // the event loop stopped first and took the connection with it
        }
    }

    private void start(Pending p) {
        if (closed) {
            p.result.completeExceptionally(new UpstreamException(upstream, "forwarder closed"));
            return;
        }
        if (p.timer == null) {
            p.timer = loop.schedule(() -> fail(p, UpstreamException.timeout(upstream, timeoutMillis, protocol())),
                    timeoutMillis, TimeUnit.MILLISECONDS);
        }
        if (current == null) {
            current = new Connection();
        }
        current.send(p);
    }

    private void fail(Pending p, String reason, Throwable cause) {
        fail(p, new UpstreamException(upstream, reason, cause));
    }

    private void fail(Pending p, UpstreamException why) {
        if (p.connection != null) {
            p.connection.pending.remove(p.sent.getHeader().getID(), p);
        }
        p.timer.cancel(false);
        p.result.completeExceptionally(why);
    }

    private String protocol() {
        return tls != null ? "TLS" : "TCP";
    }

    private static final class Pending {
        final Message sent;
        final CompletableFuture<UpstreamReply> result;
        ScheduledFuture<?> timer;
        Connection connection;
        boolean resent;

        Pending(Message sent, CompletableFuture<UpstreamReply> result) {
            this.sent = sent;
            this.result = result;
        }
    }

    /** One TCP or TLS connection and the queries written on it. Its handler is the last in the pipeline. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        final Map<Integer, Pending> pending = new HashMap<>();
        final Channel channel;
        final io.netty.channel.ChannelFuture connected;
        int answered;
        Throwable cause;

        Connection() {
            connected = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    if (tls != null) {
                        ch.pipeline().addLast(sslHandler(ch));
                    }
                    ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS));
                    ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2));
                    ch.pipeline().addLast(new LengthFieldPrepender(2));
                    ch.pipeline().addLast(Connection.this);
                }
            }).connect(upstream.address()).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    cause = f.cause();
                }
            });
            channel = connected.channel();
        }

        void send(Pending p) {
            int id = p.sent.getHeader().getID();
            for (int i = 0; i < ID_TRIES && pending.containsKey(id); i++) {
                id = ids.nextInt(0x10000);
            }
            if (pending.containsKey(id)) {
                fail(p, "too many queries in flight", null);
                return;
            }
            p.sent.getHeader().setID(id);
            p.connection = this;
            pending.put(id, p);
            byte[] bytes = p.sent.toWire();
            connected.addListener(f -> {
                if (f.isSuccess()) {
                    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            byte[] wire;
            try {
                wire = ByteBufUtil.getBytes(frame);
            } finally {
                frame.release();
            }
            Message reply;
            try {
                reply = DnsWire.parseReply(wire);
            } catch (IOException e) {
                return;
            }
            Pending p = pending.get(reply.getHeader().getID());
            if (p != null && UpstreamQuery.matches(p.sent, reply)) {
                pending.remove(reply.getHeader().getID());
                answered++;
                p.timer.cancel(false);
                p.result.complete(new UpstreamReply(upstream, wire, reply));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && pending.isEmpty()) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
            if (cause == null) {
                cause = error;
            }
            ctx.close();
        }

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {
            if (current == this) {
                current = null;
            }
            List<Pending> left = new ArrayList<>(pending.values());
            pending.clear();
            for (Pending p : left) {
                p.connection = null;
                if (answered > 0 && !p.resent && cause == null && !closed && !p.result.isDone()) {
                    p.resent = true;
                    start(p);
                } else {
                    fail(p, protocol() + " connection closed" + (cause != null ? ": " + cause : ""), cause);
                }
            }
        }

        private SslHandler sslHandler(SocketChannel ch) {
            SslHandler handler = tls.newHandler(ch.alloc(), upstream.verifiedName(),
                    upstream.address().getPort());
            SSLEngine engine = handler.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
            handler.setHandshakeTimeoutMillis(timeoutMillis);
            return handler;
        }
    }
}
