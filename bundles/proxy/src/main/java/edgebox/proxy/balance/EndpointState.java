package edgebox.proxy.balance;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

/**
 * What one cluster knows of one endpoint: requests in flight, consecutive failures, ejection, the active health
 * verdict, and (read only) its connections against the cap. Lock-free: every field is an atomic or volatile,
 * written from any event loop.
 */
final class EndpointState {

    private static final IntUnaryOperator DECREMENT = n -> n > 0 ? n - 1 : 0;
    /** {@link #ejectedUntil} value of an endpoint never ejected. */
    private static final long NEVER = Long.MIN_VALUE;

    final InetSocketAddress address;
    final EndpointLoad load;
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    /** Nanos (clock of the registry) when the current or last ejection ends. */
    private final AtomicLong ejectedUntil = new AtomicLong(NEVER);
    /** Ejections counted for the next ejection time; written only by the winner of an ejection. */
    private volatile int timesEjected;
    volatile boolean activeHealthy;

    EndpointState(InetSocketAddress address, boolean activeHealthy, EndpointLoad load) {
        this.address = address;
        this.load = load;
        this.activeHealthy = activeHealthy;
    }

    boolean available(long now) {
        return activeHealthy && !ejected(now);
    }

    boolean ejected(long now) {
        long until = ejectedUntil.get();
        return until != NEVER && now - until < 0;
    }

    void started() {
        active.incrementAndGet();
    }

    /** Counts the end of a request; true when it was the failure that reached {@code threshold} in a row. */
    boolean finished(boolean success, int threshold, long now) {
        active.updateAndGet(DECREMENT);
        if (success) {
            if (failures.get() != 0) {
                failures.set(0);
            }
            return false;
        }
        return threshold > 0 && !ejected(now) && failures.incrementAndGet() == threshold;
    }

    /**
     * Ejects for {@code base} times the ejections so far (decayed by one per {@code base} spent back in service),
     * capped at {@code max}; returns the ejection time in nanos, or 0 when another thread ejected it first.
     */
    long eject(long now, long base, long max) {
        long until = ejectedUntil.get();
        if (until != NEVER && now - until < 0) {
            return 0;
        }
        int times = timesEjected;
        if (until != NEVER) {
            times = (int) Math.max(0, times - (now - until) / base);
        }
        times++;
        long duration = Math.min(max, base * times);
        if (!ejectedUntil.compareAndSet(until, now + duration)) {
            return 0;
        }
        timesEjected = times;
        return duration;
    }

    /** Returns an ejected endpoint to service now (a passed active check); true when it was ejected. */
    boolean uneject(long now) {
        long until = ejectedUntil.get();
        return until != NEVER && now - until < 0 && ejectedUntil.compareAndSet(until, now);
    }

    int timesEjected() {
        return timesEjected;
    }
}
