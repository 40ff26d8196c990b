package edgebox.system.install;

import java.time.Duration;

/**
 * Counts how long the box has been ready without a break, for marking a trial boot good: {@link #ready} starts the
 * count (again), {@link #notReady} drops it. Times are {@link System#nanoTime()} values passed in.
 */
public final class TrialClock {

    private Duration goodAfter;
    private long readySince;
    private boolean ready;

    public TrialClock(Duration goodAfter) {
        this.goodAfter = goodAfter;
    }

    public synchronized void goodAfter(Duration goodAfter) {
        this.goodAfter = goodAfter;
    }

    public synchronized Duration goodAfter() {
        return goodAfter;
    }

    /** Readiness holds from {@code now}; a call while it already holds changes nothing. */
    public synchronized void ready(long now) {
        if (!ready) {
            ready = true;
            readySince = now;
        }
    }

    public synchronized void notReady() {
        ready = false;
    }

    /** How long readiness has held; zero while it does not. */
    public synchronized Duration readyFor(long now) {
        return ready ? Duration.ofNanos(now - readySince) : Duration.ZERO;
    }

    /** How long until readiness will have held for {@code goodAfter}: zero when it has; null while not ready. */
    public synchronized Duration untilGood(long now) {
        if (!ready) {
            return null;
        }
        Duration left = goodAfter.minus(readyFor(now));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public synchronized boolean due(long now) {
        return ready && readyFor(now).compareTo(goodAfter) >= 0;
    }
}
