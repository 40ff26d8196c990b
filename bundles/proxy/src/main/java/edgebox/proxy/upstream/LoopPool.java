package edgebox.proxy.upstream;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.tls.BackendTlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;

/**
 * The upstream connections of one event loop: idle keep-alive HTTP/1.1 connections per endpoint (last in, first
 * out), one multiplexed h2c connection per endpoint, and the TLS connections of BackendTLSPolicies
 * ({@link TlsConnections}). Used only from its event loop, so it takes no locks; a client's exchange connects on the
 * client's own loop. Every connection holds one of its endpoint's
 * {@link EndpointSlots}, shared with the other loops' pools; a request that finds the endpoint at its cap waits in
 * this loop's {@link Waiters} for a released connection or a free slot, within the queue's length and time.
 */
public final class LoopPool {

    static final int IDLE_CLOSE_SECONDS = 60;
    private static final AttributeKey<Boolean> GOAWAY = AttributeKey.valueOf(LoopPool.class, "goaway");
    /** Marks an h2c connection whose backend sent GOAWAY: new streams go to a fresh connection. */
    private static final ChannelHandler GOAWAY_WATCH = new GoAwayWatch();

    @ChannelHandler.Sharable
    private static final class GoAwayWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2GoAwayFrame) {
                ctx.channel().attr(GOAWAY).set(Boolean.TRUE);
            }
            ReferenceCountUtil.release(msg);
        }
    }
    private static final int MAX_RESPONSE_HEADER_BYTES = 65536;

    private final EventLoop loop;
    private final UpstreamPools pools;
    private final int maxIdlePerEndpoint;
    private final Bootstrap http1;
    private final Bootstrap h2c;
    private final Map<InetSocketAddress, ArrayDeque<Channel>> idle = new HashMap<>();
    private final Map<InetSocketAddress, ChannelFuture> h2cConnections = new HashMap<>();
    private final Waiters waiters = new Waiters();
    private final TlsConnections tls;
    private boolean closed;

    LoopPool(EventLoop loop, UpstreamPools pools, Class<? extends SocketChannel> channelClass,
            long connectTimeoutMillis, int maxIdlePerEndpoint, BackendTlsContexts tlsContexts) {
        this.loop = loop;
        this.pools = pools;
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
        Bootstrap base = new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true);
        this.http1 = base.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(
                        new HttpClientCodec(new HttpDecoderConfig().setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
                                .setMaxChunkSize(65536), false, false),
                        // reader idle: a pooled connection neither reads nor writes, and unlike all-idle it costs
                        // no promise and listener per write
                        new IdleStateHandler(IDLE_CLOSE_SECONDS, 0, 0),
                        new UpstreamHandler());
            }
        });
        this.tls = new TlsConnections(this, http1, tlsContexts, connectTimeoutMillis);
        this.h2c = base.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(
                        Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                                .validateHeaders(true).build(),
                        new Http2MultiplexHandler(new io.netty.channel.ChannelInboundHandlerAdapter()),
                        GOAWAY_WATCH);
            }
        });
    }

    public EventLoop loop() {
        return loop;
    }

    /**
     * Leases a connection to {@code endpoint} for {@code listener}: an idle pooled one when there is one, else a new
     * one within the endpoint's cap, else a place in the wait queue (or {@link Overloaded} when that is full); an
     * h2c stream when {@code h2c}; always a new HTTP/1.1 connection when {@code fresh} (WebSocket). With
     * {@code backendTls} (a BackendTLSPolicy covers the endpoint's port) the connection is HTTP/1.1 over TLS, leased
     * only once its handshake verified the backend (these connections are not counted against the cap yet).
     */
    public void acquire(Endpoint endpoint, BackendTls backendTls, boolean h2c, boolean fresh,
            UpstreamListener listener, Acquired done) {
        if (closed) {
            done.failed(new IllegalStateException("upstream pool of " + loop + " is closed"));
            return;
        }
        if (backendTls != null) {
            tls.acquire(endpoint, backendTls, fresh, listener, done);
            return;
        }
        if (h2c && !fresh) {
            acquireStream(endpoint, listener, done);
            return;
        }
        if (!fresh && lease(endpoint, listener, done)) {
            return;
        }
        EndpointSlots slots = pools.slots(endpoint.address());
        if (!waiters.any(endpoint.address()) && slots.tryOpen()) {
            connect(endpoint, slots, listener, done);
        } else {
            await(endpoint, fresh, listener, done, slots);
        }
    }

    /** Hands an idle pooled connection to {@code endpoint} to {@code listener}; false when there is none. */
    private boolean lease(Endpoint endpoint, UpstreamListener listener, Acquired done) {
        ArrayDeque<Channel> q = idle.get(endpoint.address());
        Channel ch;
        while (q != null && (ch = q.pollFirst()) != null) {
            if (ch.isActive()) {
                UpstreamHandler handler = (UpstreamHandler) ch.pipeline().last();
                handler.listener(listener);
                done.acquired(new Upstream(this, endpoint, null, ch, handler, true, false));
                return true;
            }
        }
        return false;
    }

    /** Opens a connection that holds one of {@code slots}, given back when it closes. */
    private void connect(Endpoint endpoint, EndpointSlots slots, UpstreamListener listener, Acquired done) {
        ChannelFuture cf = http1.connect(endpoint.address());
        Channel created = cf.channel();
        created.closeFuture().addListener(f -> {
            ArrayDeque<Channel> pooled = idle.get(endpoint.address());
            if (pooled != null) {
                pooled.remove(created);
            }
            slotFreed(endpoint.address(), slots);
        });
        cf.addListener(f -> {
            if (f.isSuccess()) {
                UpstreamHandler handler = (UpstreamHandler) cf.channel().pipeline().last();
                handler.slots(slots);
                handler.listener(listener);
                done.acquired(new Upstream(this, endpoint, null, cf.channel(), handler, false, false));
            } else {
                done.failed(f.cause());
            }
        });
    }

    /** The endpoint is at its cap: the request waits here for a connection, or is refused when the queue is full. */
    private void await(Endpoint endpoint, boolean fresh, UpstreamListener listener, Acquired done,
            EndpointSlots slots) {
        if (!slots.tryWait()) {
            done.failed(Overloaded.QUEUE_FULL);
            return;
        }
        Waiters.Waiter w = new Waiters.Waiter(endpoint, fresh, listener, done, slots);
        w.timer = loop.schedule(() -> {
            if (waiters.remove(w)) {
                w.done.failed(Overloaded.QUEUE_TIMEOUT);
            }
        }, slots.caps().pendingTimeoutMillis(), TimeUnit.MILLISECONDS);
        waiters.add(w);
        pools.shedIdle(endpoint.address(), this);
        serve(endpoint.address());
    }

    /** A slot of {@code address} came free: this loop's waiters first, then any other loop's. */
    void slotFreed(InetSocketAddress address, EndpointSlots slots) {
        slots.closed();
        if (slots.waiting() > 0) {
            serve(address);
            pools.wake(address, this);
        }
    }

    EndpointSlots slots(InetSocketAddress address) {
        return pools.slots(address);
    }

    /** Serves this loop's waiters for {@code address} while slots are free. */
    void serve(InetSocketAddress address) {
        Waiters.Waiter w;
        while (!closed && (w = waiters.peek(address)) != null && w.slots.tryOpen()) {
            waiters.remove(w);
            connect(w.endpoint, w.slots, w.listener, w.done);
        }
    }

    /** Another loop waits for a slot of {@code address}: one idle connection to it here closes to free one. */
    void shedIdle(InetSocketAddress address) {
        ArrayDeque<Channel> q = idle.get(address);
        Channel ch = q == null ? null : q.pollLast();
        if (ch != null) {
            ch.close();
        }
    }

    boolean anyWaiting() {
        return waiters.count() > 0;
    }

    private void acquireStream(Endpoint endpoint, UpstreamListener listener, Acquired done) {
        acquireStream(endpoint, listener, done, false);
    }

    private void acquireStream(Endpoint endpoint, UpstreamListener listener, Acquired done, boolean retried) {
        InetSocketAddress address = endpoint.address();
        ChannelFuture cf = h2cConnections.get(address);
        if (cf == null || cf.isDone() && (!cf.isSuccess() || !cf.channel().isActive()
                || cf.channel().hasAttr(GOAWAY))) {
            EndpointSlots slots = pools.slots(address);
            if (!slots.tryOpen()) {
                done.failed(Overloaded.QUEUE_FULL);
                return;
            }
            ChannelFuture fresh = h2c.connect(address);
            h2cConnections.put(address, fresh);
            fresh.channel().closeFuture().addListener(f -> {
                h2cConnections.remove(address, fresh);
                slotFreed(address, slots);
            });
            cf = fresh;
        }
        boolean reused = cf.isDone();
        ChannelFuture connection = cf;
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                done.failed(f.cause());
                return;
            }
            UpstreamHandler handler = new UpstreamHandler();
            new Http2StreamChannelBootstrap(((ChannelFuture) f).channel())
                    .handler(new ChannelInitializer<Http2StreamChannel>() {
                        @Override
                        protected void initChannel(Http2StreamChannel ch) {
                            ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), handler);
                        }
                    })
                    .open().addListener(s -> {
                        if (s.isSuccess()) {
                            handler.listener(listener);
                            done.acquired(new Upstream(this, endpoint, null, (Channel) s.getNow(), handler, reused, true));
                            return;
                        }
                        h2cConnections.remove(address, connection);
                        if (reused && !retried) {
                            acquireStream(endpoint, listener, done, true);
                        } else {
                            done.failed(s.cause());
                        }
                    });
        });
    }

    /**
     * A leased connection came back reusable: to the first request of this loop waiting for its endpoint, else
     * closed when another loop's request waits for a slot of it, else pooled.
     */
    void offer(Endpoint endpoint, BackendTls backendTls, Channel ch, UpstreamHandler handler) {
        if (backendTls != null) {
            tls.offer(endpoint, backendTls, ch, closed ? 0 : maxIdlePerEndpoint);
            return;
        }
        Waiters.Waiter w = waiters.peek(endpoint.address());
        if (w != null && !w.fresh && !closed) {
            waiters.remove(w);
            handler.listener(w.listener);
            w.done.acquired(new Upstream(this, w.endpoint, null, ch, handler, true, false));
            return;
        }
        EndpointSlots slots = handler.slots();
        if (w != null || slots != null && slots.waiting() > 0) {
            ch.close();
            return;
        }
        ArrayDeque<Channel> q = idle.computeIfAbsent(endpoint.address(), a -> new ArrayDeque<>());
        if (closed || q.size() >= maxIdlePerEndpoint) {
            ch.close();
            return;
        }
        q.addFirst(ch);
    }

    /** Idle HTTP/1.1 connections held now, over all endpoints. */
    public int idleConnections() {
        int n = 0;
        for (ArrayDeque<Channel> q : idle.values()) {
            n += q.size();
        }
        return n + tls.idleConnections();
    }

    void close() {
        closed = true;
        for (Waiters.Waiter w : waiters.drain()) {
            w.done.failed(new IllegalStateException("upstream pool of " + loop + " is closed"));
        }
        List<Channel> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        h2cConnections.values().forEach(cf -> all.add(cf.channel()));
        tls.close();
        idle.clear();
        h2cConnections.clear();
        all.forEach(Channel::close);
    }
}
