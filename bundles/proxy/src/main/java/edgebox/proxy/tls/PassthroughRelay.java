package edgebox.proxy.tls;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * Relays a client connection's bytes to one backend and back: TLS passthrough, or the plaintext of a TLS listener
 * in mode Terminate (then it sits after the listener's SslHandler, and with a BackendTLSPolicy the backend
 * connection is TLS again). Sits last in the client's pipeline (for passthrough it replaces {@link TlsFront}, whose
 * buffered ClientHello it receives first). Connects on the client's
 * own event loop with the client's channel class, so its state needs no lock. Back-pressure without queues: auto-read
 * is off on both sides and each side reads its next chunk only when its last one was written to the other side.
 * Bytes that arrive before the backend connection is up (the ClientHello) wait in a small queue.
 */
public final class PassthroughRelay extends ChannelInboundHandlerAdapter {

    /** Hears how the relay ended, once, on the event loop. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param connected      whether the backend connection was made (false: refused, unreachable, timed out,
         *                       or its TLS handshake failed)
         * @param bytesToBackend bytes relayed from the client to the backend
         * @param bytesToClient  bytes relayed from the backend to the client
         * @param failure        why the backend connection was not made, null when it was
         */
        void finished(boolean connected, long bytesToBackend, long bytesToClient, Throwable failure);
    }

    /** Makes the TLS handler of a backend connection under a BackendTLSPolicy. */
    @FunctionalInterface
    public interface BackendTlsHandler {
        SslHandler create(Channel backend);
    }

    private final InetSocketAddress backendAddress;
    private final BackendTlsHandler backendTls;
    private final int connectTimeoutMillis;
    private final Listener listener;
    private final ArrayDeque<Object> early = new ArrayDeque<>(2);
    private Channel backend;
    private boolean connected;
    private boolean finished;
    private Throwable failure;
    private long toBackend;
    private long toClient;

    public PassthroughRelay(InetSocketAddress backend, int connectTimeoutMillis, Listener listener) {
        this(backend, null, connectTimeoutMillis, listener);
    }

    /** With {@code backendTls} non-null the backend connection is TLS, and relays only once its handshake verified it. */
    public PassthroughRelay(InetSocketAddress backend, BackendTlsHandler backendTls, int connectTimeoutMillis,
            Listener listener) {
        this.backendAddress = backend;
        this.backendTls = backendTls;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channelFactory(new ReflectiveChannelFactory<>(client.getClass()))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .handler(backendTls == null ? new BackendSide(client) : new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("tls", backendTls.create(ch));
                        ch.pipeline().addLast(new BackendSide(client));
                    }
                })
                .connect(backendAddress);
        backend = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fail(ctx, f.cause());
            } else if (backendTls == null) {
                start(client);
            } else {
                backend.read();
                backend.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        start(client);
                    } else {
                        fail(ctx, h.cause());
                    }
                });
            }
        });
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause;
        backend.close();
        finish(false);
        ctx.close();
    }

    /** The backend is ready: what the client sent so far goes first, then both sides read. */
    private void start(Channel client) {
        connected = true;
        for (Object msg = early.poll(); msg != null; msg = early.poll()) {
            toBackend += ((ByteBuf) msg).readableBytes();
            backend.write(msg);
        }
        backend.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) w -> {
            if (w.isSuccess()) {
                client.read();
                backend.read();
            } else {
                w.channel().close();
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!connected) {
            early.add(msg);
            return;
        }
        toBackend += ((ByteBuf) msg).readableBytes();
        backend.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                ctx.channel().read();
            } else {
                f.channel().close();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeOnFlush(backend);
        finish(connected);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        for (Object msg = early.poll(); msg != null; msg = early.poll()) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void finish(boolean wasConnected) {
        if (!finished) {
            finished = true;
            listener.finished(wasConnected, toBackend, toClient, failure);
        }
    }

    private static void closeOnFlush(Channel ch) {
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else if (ch != null) {
            ch.close();
        }
    }

    /** The backend connection's handler: relays its bytes to the client, closes the client when it ends. */
    private final class BackendSide extends ChannelInboundHandlerAdapter {
        private final Channel client;

        BackendSide(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            toClient += ((ByteBuf) msg).readableBytes();
            client.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    f.channel().close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(client);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
