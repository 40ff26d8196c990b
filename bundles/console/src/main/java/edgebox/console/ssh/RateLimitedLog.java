package edgebox.console.ssh;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes at most {@code perMinute} lines a minute; lines over the limit are only counted, and the next line written
 * says how many were left out. Lock-free; the clock is passed in.
 */
final class RateLimitedLog {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final LongSupplier nanos;
    private final Consumer<String> sink;
    private final AtomicLong windowStart;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicLong leftOut = new AtomicLong();

    RateLimitedLog(int perMinute, LongSupplier nanos, Consumer<String> sink) {
        this.perMinute = perMinute;
        this.nanos = nanos;
        this.sink = sink;
        this.windowStart = new AtomicLong(nanos.getAsLong());
    }

    /** Builds and writes the line only when the limit allows it. */
    void log(Supplier<String> line) {
        long now = nanos.getAsLong();
        long start = windowStart.get();
        if (now - start >= MINUTE_NANOS && windowStart.compareAndSet(start, now)) {
            written.set(0);
        }
        if (written.incrementAndGet() > perMinute) {
            leftOut.incrementAndGet();
            return;
        }
        long skipped = leftOut.getAndSet(0);
        sink.accept(skipped == 0 ? line.get()
                : line.get() + " (and " + skipped + " more since the last line, only counted)");
    }
}
