package edgebox.proxy.upstream;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import edgebox.proxy.route.Endpoint;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The requests of one event loop waiting for a connection slot, per endpoint address, first come first served.
 * Used only from its loop; {@link #count()} is volatile so that other loops can skip a loop with no one waiting.
 */
final class Waiters {

    /** One waiting request: what {@link LoopPool#acquire} was asked, and the timer of its pending timeout. */
    static final class Waiter {
        final Endpoint endpoint;
        final boolean fresh;
        final UpstreamListener listener;
        final Acquired done;
        final EndpointSlots slots;
        ScheduledFuture<?> timer;

        Waiter(Endpoint endpoint, boolean fresh, UpstreamListener listener, Acquired done, EndpointSlots slots) {
            this.endpoint = endpoint;
            this.fresh = fresh;
            this.listener = listener;
            this.done = done;
            this.slots = slots;
        }

        /** Leaves the queue: the timer stops and the endpoint's waiting count goes down. */
        void leave() {
            if (timer != null) {
                timer.cancel(false);
            }
            slots.waited();
        }
    }

    private final Map<InetSocketAddress, ArrayDeque<Waiter>> byAddress = new HashMap<>();
    private volatile int count;

    int count() {
        return count;
    }

    boolean any(InetSocketAddress address) {
        if (count == 0) {
            return false;
        }
        ArrayDeque<Waiter> q = byAddress.get(address);
        return q != null && !q.isEmpty();
    }

    void add(Waiter w) {
        byAddress.computeIfAbsent(w.endpoint.address(), a -> new ArrayDeque<>()).addLast(w);
        count++;
    }

    Waiter peek(InetSocketAddress address) {
        ArrayDeque<Waiter> q = count == 0 ? null : byAddress.get(address);
        return q == null ? null : q.peekFirst();
    }

    /** Takes {@code w} out of the queue (it left); false when it was not there any more. */
    boolean remove(Waiter w) {
        ArrayDeque<Waiter> q = byAddress.get(w.endpoint.address());
        if (q == null || !q.remove(w)) {
            return false;
        }
        if (q.isEmpty()) {
            byAddress.remove(w.endpoint.address());
        }
        count--;
        w.leave();
        return true;
    }

    /** Every waiter, taken out of the queue (the pool closes). */
    ArrayDeque<Waiter> drain() {
        ArrayDeque<Waiter> all = new ArrayDeque<>();
        byAddress.values().forEach(all::addAll);
        byAddress.clear();
        count = 0;
        all.forEach(Waiter::leave);
        return all;
    }
}
