package edgebox.policy.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The log of denies and audited would-be denies, at most {@code perSecond} lines a second so a scan cannot flood it;
 * the first line of a second says how many the second before left out. A caller asks {@link #admits} before it
 * builds a line, so a dropped line costs no allocation. Safe from any thread, without locks.
 */
public final class VerdictLog {

    private static final Logger LOG = System.getLogger("edgebox.policy.verdicts");
    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier nanos;
    private final Consumer<String> out;
    private final AtomicLong window = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public VerdictLog(int perSecond) {
        this(perSecond, System::nanoTime, line -> LOG.log(Level.INFO, line));
    }

    VerdictLog(int perSecond, LongSupplier nanos, Consumer<String> out) {
        this.perSecond = perSecond;
        this.nanos = nanos;
        this.out = out;
    }

    /** Whether a line may be written now; when not, it is counted as left out. */
    public boolean admits() {
        long second = nanos.getAsLong() / SECOND;
        long current = window.get();
        if (second != current && window.compareAndSet(current, second)) {
            written.set(0);
            long left = dropped.getAndSet(0);
            if (left > 0) {
                out.accept("policy: " + left + " more verdicts not logged (at most " + perSecond + " lines a second)");
            }
        }
        if (written.incrementAndGet() <= perSecond) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    public void write(String line) {
        out.accept(line);
    }
}
