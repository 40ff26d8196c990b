package edgebox.proxy.upstream;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import edgebox.proxy.route.BackendTls;
import edgebox.proxy.route.Endpoint;
import edgebox.proxy.tls.BackendTlsContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

/**
 * A {@link LoopPool}'s HTTP/1.1-over-TLS connections to backends under a BackendTLSPolicy, pooled apart from the
 * plaintext ones by policy and address so that a connection is only reused for the trust it was verified with. A
 * new connection gets the policy's {@link SslHandler} first in its pipeline and is leased only once the handshake
 * verified the backend; a failed handshake fails the lease with its cause and nothing is written. Each connection
 * holds one of its endpoint's {@link EndpointSlots}; at the cap a request is refused as overloaded at once (it does
 * not wait in the queue, as h2c connections do not).
 */
final class TlsConnections {

    private record Key(BackendTls tls, InetSocketAddress address) {
    }

    private final LoopPool pool;
    private final Bootstrap http1;
    private final BackendTlsContexts contexts;
    private final long handshakeTimeoutMillis;
    private final Map<Key, ArrayDeque<Channel>> idle = new HashMap<>();

    TlsConnections(LoopPool pool, Bootstrap http1, BackendTlsContexts contexts, long handshakeTimeoutMillis) {
        this.pool = pool;
        this.http1 = http1;
        this.contexts = contexts;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    void acquire(Endpoint endpoint, BackendTls tls, boolean fresh, UpstreamListener listener, Acquired done) {
        Key key = new Key(tls, endpoint.address());
        ArrayDeque<Channel> q = fresh ? null : idle.get(key);
        Channel ch;
        while (q != null && (ch = q.pollFirst()) != null) {
            if (ch.isActive()) {
                UpstreamHandler handler = (UpstreamHandler) ch.pipeline().last();
                handler.listener(listener);
                done.acquired(new Upstream(pool, endpoint, tls, ch, handler, true, false));
                return;
            }
        }
        SslContext context;
        try {
            context = contexts.context(tls);
        } catch (SSLException e) {
            done.failed(e);
            return;
        }
        EndpointSlots slots = pool.slots(endpoint.address());
        if (!slots.tryOpen()) {
            done.failed(Overloaded.QUEUE_FULL);
            return;
        }
        int port = endpoint.address().getPort();
        ChannelHandler plain = http1.config().handler();
        ChannelFuture cf = http1.clone().handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("tls", BackendTlsContexts.handler(context, tls, ch.alloc(), port,
                        handshakeTimeoutMillis));
                ch.pipeline().addLast(plain);
            }
        }).connect(endpoint.address());
        Channel created = cf.channel();
        created.closeFuture().addListener(f -> {
            ArrayDeque<Channel> pooled = idle.get(key);
            if (pooled != null) {
                pooled.remove(created);
            }
            pool.slotFreed(endpoint.address(), slots);
        });
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                done.failed(f.cause());
                return;
            }
            SslHandler ssl = created.pipeline().get(SslHandler.class);
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    UpstreamHandler handler = (UpstreamHandler) created.pipeline().last();
                    handler.listener(listener);
                    done.acquired(new Upstream(pool, endpoint, tls, created, handler, false, false));
                } else {
                    created.close();
                    done.failed(h.cause());
                }
            });
        });
    }

    void offer(Endpoint endpoint, BackendTls tls, Channel ch, int maxIdle) {
        ArrayDeque<Channel> q = idle.computeIfAbsent(new Key(tls, endpoint.address()), k -> new ArrayDeque<>());
        if (q.size() >= maxIdle) {
            ch.close();
            return;
        }
        q.addFirst(ch);
    }

    int idleConnections() {
        int n = 0;
        for (ArrayDeque<Channel> q : idle.values()) {
            n += q.size();
        }
        return n;
    }

    void close() {
        List<Channel> all = new ArrayList<>();
        idle.values().forEach(all::addAll);
        idle.clear();
        all.forEach(Channel::close);
    }
}
