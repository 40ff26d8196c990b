package edgebox.proxy.upstream;

import java.util.concurrent.atomic.AtomicInteger;

import edgebox.proxy.balance.EndpointLoad;

/**
 * The connection slots of one endpoint address, shared by the event loops' pools: an open connection (idle, leased
 * or still connecting) holds one slot from its connect to its close, a request waiting for a slot counts as
 * waiting. Lock-free: two atomics, a compare-and-set loop to take a slot within the cap.
 */
final class EndpointSlots implements EndpointLoad {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ConnectionCaps caps;

    EndpointSlots(ConnectionCaps caps) {
        this.caps = caps;
    }

    ConnectionCaps caps() {
        return caps;
    }

    /** Takes a slot for a new connection; false when the cap is reached. */
    boolean tryOpen() {
        int n;
        do {
            n = open.get();
            if (n >= caps.maxConnections()) {
                return false;
            }
        } while (!open.compareAndSet(n, n + 1));
        return true;
    }

    /** A connection that held a slot closed. */
    void closed() {
        open.decrementAndGet();
    }

    /** Takes a place in the wait queue; false when it is full. */
    boolean tryWait() {
        int n;
        do {
            n = waiting.get();
            if (n >= caps.maxPending()) {
                return false;
            }
        } while (!waiting.compareAndSet(n, n + 1));
        return true;
    }

    /** A waiting request left the queue (served, timed out or given up). */
    void waited() {
        waiting.decrementAndGet();
    }

    @Override
    public boolean full() {
        return open.get() >= caps.maxConnections();
    }

    @Override
    public int connections() {
        return open.get();
    }

    @Override
    public int waiting() {
        return waiting.get();
    }
}
