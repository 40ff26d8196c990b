package edgebox.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import edgebox.api.net.ListenerHub;
import edgebox.api.net.ListenerLease;
import edgebox.api.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;

/**
 * The listening sockets of the box, each held here while functions come and go. A socket is bound once; a lease
 * turns accepting on and routes accepted connections to its handler, closing the lease turns accepting off (the
 * kernel keeps new connections in the backlog) and starts the grace timer; a socket nobody leases again within the
 * grace period is closed. A connection accepted in the instant between a lease's close and the next lease waits,
 * not reading, for the next lease (see {@link HeldSocket}).
 *
 * <p>Leasing binds and waits for the bind: call it from a component's thread, never from an event loop.
 */
final class ListenerSockets implements ListenerHub, AutoCloseable {

    static final long BIND_TIMEOUT_MILLIS = 5_000;

    private final Transport transport;
    private final Function<ChannelHandler, String> holderName;
    private final Map<InetSocketAddress, HeldSocket> held = new HashMap<>();
    private volatile long graceMillis;
    private boolean closed;

    /**
     * @param holderName names who leases with a handler, for the refusal of a second lease (bundle and class)
     */
    ListenerSockets(Transport transport, long graceMillis, Function<ChannelHandler, String> holderName) {
        this.transport = transport;
        this.holderName = holderName;
        setGraceMillis(graceMillis);
    }

    void setGraceMillis(long graceMillis) {
        if (graceMillis < 0) {
            throw new IllegalArgumentException("edgebox.net.listeners: graceSeconds: " + graceMillis
                    + " ms must not be negative");
        }
        this.graceMillis = graceMillis;
    }

    long graceMillis() {
        return graceMillis;
    }

    @Override
    public synchronized ListenerLease lease(InetSocketAddress address, ChannelHandler childInitializer)
            throws IOException {
        if (closed) {
            throw new IOException("listener " + address + ": the listener hub is closed");
        }
        HeldSocket socket = held.get(address);
        if (socket == null || !socket.isOpen()) {
            socket = bind(address);
            held.put(socket.address(), socket);
        }
        String holder = holderName.apply(childInitializer);
        String current = socket.holder();
        if (current != null) {
            throw new IOException("listener " + socket.address() + ": already leased by " + current);
        }
        return socket.lease(childInitializer, holder, this::released);
    }

    /** Called by a lease's close: the socket waits {@link #graceMillis} for a successor, then closes. */
    private void released(HeldSocket socket, long generation) {
        long grace = graceMillis;
        socket.eventLoop().schedule(() -> expire(socket, generation), grace, TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(HeldSocket socket, long generation) {
        if (socket.closeIfIdleSince(generation)) {
            held.remove(socket.address(), socket);
        }
    }

    /** What the hub holds now: each bound address and who leases it ({@code null} when waiting for a successor). */
    synchronized Map<InetSocketAddress, String> sockets() {
        Map<InetSocketAddress, String> view = new HashMap<>();
        held.forEach((address, socket) -> {
            if (socket.isOpen()) {
                view.put(address, socket.holder());
            }
        });
        return view;
    }

    private HeldSocket bind(InetSocketAddress address) throws IOException {
        HeldSocket.Dispatch dispatch = new HeldSocket.Dispatch();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.AUTO_READ, false)
                .childHandler(dispatch);
        transport.freeBind(bootstrap);
        ChannelFuture bound = bootstrap.bind(address);
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            bound.channel().close();
            throw new IOException("listener " + address + ": bind did not finish within " + BIND_TIMEOUT_MILLIS + " ms");
        }
        if (!bound.isSuccess()) {
            throw new IOException("listener " + address + ": cannot bind: " + bound.cause().getMessage(), bound.cause());
        }
        Channel server = bound.channel();
        return new HeldSocket((InetSocketAddress) server.localAddress(), server, dispatch);
    }


    /** Closes every socket the hub holds, leased or not. */
    @Override
    public void close() {
        List<HeldSocket> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(held.values());
            held.clear();
        }
        for (HeldSocket socket : all) {
            socket.close().awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
