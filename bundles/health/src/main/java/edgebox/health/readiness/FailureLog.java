package edgebox.health.readiness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which failures to log: each one once, and only after it has lasted {@code settleNanos}, so the bundles
 * that are merely installed-not-yet-resolved during boot do not fill the log. A failure that goes away and comes
 * back is logged again. The clock is passed in. Not thread-safe: one monitor thread calls it.
 */
public final class FailureLog {

    private final long settleNanos;
    private final Map<String, Long> firstSeen = new HashMap<>();
    private final Set<String> logged = new java.util.HashSet<>();

    public FailureLog(long settleNanos) {
        this.settleNanos = settleNanos;
    }

    /** @return the failures to log now, in the order given */
    public List<String> update(List<String> failures, long nowNanos) {
        firstSeen.keySet().retainAll(failures);
        logged.retainAll(failures);
        List<String> toLog = new ArrayList<>();
        for (String f : failures) {
            long since = firstSeen.computeIfAbsent(f, k -> nowNanos);
            if (nowNanos - since >= settleNanos && logged.add(f)) {
                toLog.add(f);
            }
        }
        return toLog;
    }
}
