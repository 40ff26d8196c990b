package edgebox.api.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Writes at most {@code lines} lines per {@code window}, so a scan or a flood cannot fill the log; lines over the
 * limit are only counted, and the next line written says how many were left out. Lock-free, for data-path threads:
 * {@link #admit} first and build the line only when it says yes, and a dropped line costs no allocation.
 */
public final class RateLimitedLog {

    private final int lines;
    private final long windowNanos;
    private final LongSupplier nanos;
    private final Consumer<String> sink;
    private final AtomicLong windowStart;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicLong leftOut = new AtomicLong();

    public RateLimitedLog(int lines, Duration window, Consumer<String> sink) {
        this(lines, window, System::nanoTime, sink);
    }

    /** With the clock passed in (nanoseconds, as {@link System#nanoTime}). */
    public RateLimitedLog(int lines, Duration window, LongSupplier nanos, Consumer<String> sink) {
        this.lines = lines;
        this.windowNanos = window.toNanos();
        this.nanos = nanos;
        this.sink = sink;
        this.windowStart = new AtomicLong(nanos.getAsLong());
    }

    /** Whether a line may be written now; when not, it is counted as left out. */
    public boolean admit() {
        long now = nanos.getAsLong();
        long start = windowStart.get();
        if (now - start >= windowNanos && windowStart.compareAndSet(start, now)) {
            written.set(0);
        }
        if (written.incrementAndGet() > lines) {
            leftOut.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Writes a line {@link #admit} let through, with the count of those left out since the last one. */
    public void write(String line) {
        long skipped = leftOut.getAndSet(0);
        sink.accept(skipped == 0 ? line : line + " (and " + skipped + " more since the last line, only counted)");
    }

    /** Builds and writes the line only when the limit allows it. */
    public void log(Supplier<String> line) {
        if (admit()) {
            write(line.get());
        }
    }
}
