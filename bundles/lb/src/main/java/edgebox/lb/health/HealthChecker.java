package edgebox.lb.health;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks the targets it is given, each every interval, and publishes their health as an immutable
 * {@link HealthView}. One platform thread ({@code lb-health}) schedules the checks, counts their outcomes and calls
 * the listener on every state change, in order; each check runs on a virtual thread of its own and takes at most
 * its spec's timeout, and a target has at most one check running. A target left out of an update stops being
 * checked and its outcome in flight is dropped. New targets' first checks are spread over up to a second; a state
 * change is published at once, the other outcomes (check counts, failure texts) at most every 100 ms.
 */
public final class HealthChecker implements AutoCloseable {

    /** Told of each state change, on the checker's thread; {@code view} already holds it. Keep it short. */
    @FunctionalInterface
    public interface Listener {
        void transition(TargetHealth now, HealthState was, HealthView view);
    }

    private static final System.Logger LOG = System.getLogger(HealthChecker.class.getName());
    private static final long CLOSE_WAIT_MILLIS = 1000;
    private static final long SPREAD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long PUBLISH_DELAY_MILLIS = 100;

    private final Listener listener;
    private final Clock clock;
    private final HealthProbe probe = new HealthProbe();
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private Map<HealthTarget, Entry> entries = new LinkedHashMap<>();
    private long version;
    private boolean closed;
    private boolean publishPending;
    private volatile HealthView view = HealthView.EMPTY;
    private volatile Thread own;

    /** A target's count and its next check; the entry's identity tells a current target from a removed one. */
    private static final class Entry {
        final HealthTarget target;
        final TargetState state;
        ScheduledFuture<?> next;

        Entry(HealthTarget target, TargetState state) {
            this.target = target;
            this.state = state;
        }
    }

    public HealthChecker(Listener listener) {
        this(listener, Clock.systemUTC());
    }

    HealthChecker(Listener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Thread.ofPlatform().name("lb-health").daemon().unstarted(r);
            own = t;
            return t;
        });
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Checks exactly these targets from now on: new ones start UNKNOWN, kept ones keep their state. */
    public void update(Collection<HealthTarget> targets) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("health checker: closed");
            }
            Set<HealthTarget> wanted = new LinkedHashSet<>(targets);
            long added = wanted.stream().filter(t -> !entries.containsKey(t)).count();
            long spread = 0;
            Map<HealthTarget, Entry> next = new LinkedHashMap<>();
            for (HealthTarget t : wanted) {
                Entry e = entries.remove(t);
                if (e == null) {
                    e = new Entry(t, new TargetState(t, clock.instant()));
                    Entry started = e;
                    long delay = Math.min(SPREAD_NANOS, t.spec().interval().toNanos()) * spread++ / added;
                    e.next = scheduler.schedule(() -> start(started), delay, TimeUnit.NANOSECONDS);
                }
                next.put(t, e);
            }
            for (Entry gone : entries.values()) {
                gone.next.cancel(false);
            }
            entries = next;
            publish();
        }
    }

    /** The current health, published whole. */
    public HealthView view() {
        return view;
    }

    private void start(Entry e) {
        Thread t = Thread.ofVirtual().name("lb-health " + e.target).unstarted(() -> check(e));
        running.add(t);
        t.start();
    }

    private void check(Entry e) {
        long started = System.nanoTime();
        String error;
        try {
            error = probe.check(e.target);
        } catch (InterruptedException ie) {
            return;
        } catch (RuntimeException re) {
            error = re.toString();
        } finally {
            running.remove(Thread.currentThread());
        }
        String outcome = error;
        try {
            scheduler.execute(() -> count(e, outcome, started));
        } catch (RejectedExecutionException closing) {
            // the checker closed while the check ran
        }
    }

    private void count(Entry e, String error, long started) {
        TargetHealth now;
        HealthState was;
        HealthView published;
        synchronized (lock) {
            if (closed || entries.get(e.target) != e) {
                return;
            }
            was = e.state.record(error, clock.instant());
            long wait = e.target.spec().interval().toNanos() - (System.nanoTime() - started);
            e.next = scheduler.schedule(() -> start(e), Math.max(0, wait), TimeUnit.NANOSECONDS);
            if (was != null) {
                publish();
            } else if (!publishPending) {
                publishPending = true;
                scheduler.schedule(this::publishPending, PUBLISH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
            now = e.state.snapshot();
            published = view;
        }
        if (was != null) {
            try {
                listener.transition(now, was, published);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.ERROR, "health checker: listener failed on " + now.target(), ex);
            }
        }
    }

    private void publishPending() {
        synchronized (lock) {
            if (publishPending && !closed) {
                publish();
            }
        }
    }

    /** Publishes every target's current health; under the lock. */
    private void publish() {
        publishPending = false;
        List<TargetHealth> all = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            all.add(e.state.snapshot());
        }
        view = new HealthView(++version, all);
    }

    /** Stops every check: scheduled ones are cancelled, running ones interrupted; waits a bounded time for them. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Entry e : entries.values()) {
                e.next.cancel(false);
            }
            entries = new LinkedHashMap<>();
        }
        scheduler.shutdownNow();
        running.forEach(Thread::interrupt);
        probe.close();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            if (Thread.currentThread() != own) {
                scheduler.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            for (Thread t : List.copyOf(running)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(java.time.Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        if (!running.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "health checker: " + running.size() + " checks still running "
                    + CLOSE_WAIT_MILLIS + " ms after close");
        }
    }
}
