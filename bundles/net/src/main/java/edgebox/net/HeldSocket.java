package edgebox.net;

import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ObjLongConsumer;

import edgebox.api.net.ListenerLease;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;

/**
 * One bound server socket of the {@link ListenerSockets} and its current lease. The lease's holder and generation
 * change under this object's lock (taken inside the hub's); the accept path reads only the volatile handler of
 * {@link Dispatch}.
 */
final class HeldSocket {

    private final InetSocketAddress address;
    private final Channel server;
    private final Dispatch dispatch;
    private String holder;
    private long generation;

    HeldSocket(InetSocketAddress address, Channel server, Dispatch dispatch) {
        this.address = address;
        this.server = server;
        this.dispatch = dispatch;
    }

    InetSocketAddress address() {
        return address;
    }

    EventLoop eventLoop() {
        return server.eventLoop();
    }

    boolean isOpen() {
        return server.isOpen();
    }

    /** Who leases the socket now; {@code null} when nobody does. */
    synchronized String holder() {
        return holder;
    }

    /** Hands accepted connections to {@code initializer} from now on. */
    synchronized ListenerLease lease(ChannelHandler initializer, String holder, ObjLongConsumer<HeldSocket> onRelease) {
        this.holder = holder;
        long leased = ++generation;
        dispatch.take(initializer);
        server.config().setAutoRead(true);
        return new Lease(leased, onRelease);
    }

    private synchronized void release(long leased, ObjLongConsumer<HeldSocket> onRelease) {
        if (generation != leased) {
            return;
        }
        holder = null;
        dispatch.take(null);
        server.config().setAutoRead(false);
        onRelease.accept(this, leased);
    }

    /** Closes the socket when no lease came after {@code leased}. */
    synchronized boolean closeIfIdleSince(long leased) {
        if (generation != leased || holder != null) {
            return false;
        }
        close();
        return true;
    }

    ChannelFuture close() {
        dispatch.closeParked();
        return server.close();
    }

    @Override
    public String toString() {
        return address + (holder == null ? " (not leased)" : " leased by " + holder);
    }

    private final class Lease implements ListenerLease {
        private final long leased;
        private final ObjLongConsumer<HeldSocket> onRelease;
        private final AtomicBoolean closed = new AtomicBoolean();

        Lease(long leased, ObjLongConsumer<HeldSocket> onRelease) {
            this.leased = leased;
            this.onRelease = onRelease;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(leased, onRelease);
            }
        }

        @Override
        public String toString() {
            return "ListenerLease[" + address + ", generation " + leased + "]";
        }
    }

    /**
     * The server socket's child handler: adds the current lease's handler to each accepted channel. A channel
     * accepted while no lease holds the socket (the moment between a close and the next lease) is parked without
     * reading and handed to the next lease, so no connection is lost in a hand-over.
     */
    @Sharable
    static final class Dispatch extends ChannelInitializer<Channel> {
        private final Queue<Channel> parked = new ConcurrentLinkedQueue<>();
        private volatile ChannelHandler current;

        void take(ChannelHandler initializer) {
            current = initializer;
            if (initializer != null) {
                drain(initializer);
            }
        }

        @Override
        protected void initChannel(Channel ch) {
            ChannelHandler handler = current;
            if (handler != null) {
                ch.pipeline().addLast(handler);
                return;
            }
            ch.config().setAutoRead(false);
            parked.add(ch);
            // a lease may have come between the read of current and the add: it might not have seen this channel
            ChannelHandler late = current;
            if (late != null) {
                drain(late);
            }
        }

        private void drain(ChannelHandler handler) {
            for (Channel ch = parked.poll(); ch != null; ch = parked.poll()) {
                Channel child = ch;
                child.eventLoop().execute(() -> {
                    if (child.isOpen()) {
                        child.pipeline().addLast(handler);
                        if (child.isActive()) {
                            child.pipeline().fireChannelActive();
                        }
                        child.config().setAutoRead(true);
                    }
                });
            }
        }

        void closeParked() {
            for (Channel ch = parked.poll(); ch != null; ch = parked.poll()) {
                ch.close();
            }
        }
    }
}
