package edgebox.config.history;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import edgebox.config.apply.Refused;

/**
 * {@code config:commit-confirm}: the changes made from now on are on probation; unless {@link #confirm} comes by the
 * deadline, the configuration goes back, live, to the revision in force when it was armed, and the log and the
 * history say so. A timer thread ({@code edgebox-config-confirm}) only hands the rollback to the apply thread; every
 * other method runs on the apply thread. The probation is saved, so a restart before the deadline keeps it and one
 * after it rolls back at once.
 */
public final class CommitConfirm implements AutoCloseable {

    private static final Logger LOG = System.getLogger("edgebox.config");

    private final Path file;
    private final ConfigHistory history;
    private final Clock clock;
    private final Consumer<Runnable> applyThread;
    private final ScheduledExecutorService timer;
    private volatile Probation probation;
    private ScheduledFuture<?> pending;
    private long generation;

    /**
     * @param file        where the probation in force is kept
     * @param applyThread runs a task on the apply thread, in line with every other change
     */
    public CommitConfirm(Path file, ConfigHistory history, Clock clock, Consumer<Runnable> applyThread) {
        this.file = file;
        this.history = history;
        this.clock = clock;
        this.applyThread = applyThread;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "edgebox-config-confirm");
            t.setDaemon(true);
            return t;
        });
    }

    /** The probation in force, if any. */
    public Optional<Probation> current() {
        return Optional.ofNullable(probation);
    }

    /** Takes up a probation saved before a restart. */
    public void resume() {
        Probation.load(file).ifPresent(p -> {
            LOG.log(Level.INFO, "edgebox.config: commit-confirm armed before the restart: the configuration goes back"
                    + " to revision " + p.base() + " at " + p.deadline() + " unless config:confirm comes first");
            start(p);
        });
    }

    /**
     * Puts the changes from now on on probation for {@code length}; armed again, the deadline moves and the revision
     * to return to stays.
     */
    public Probation arm(Duration length, String who) throws IOException, Refused {
        if (length.isNegative() || length.isZero()) {
            throw new Refused("", "config:commit-confirm", "the time must be more than 0 minutes");
        }
        Probation before = probation;
        int base = before != null ? before.base() : history.latestNumber();
        if (base == 0) {
            throw new Refused("", "config:commit-confirm", "no revision to return to yet");
        }
        Probation next = new Probation(base, clock.instant().plus(length), length, who);
        next.save(file);
        start(next);
        LOG.log(Level.INFO, "edgebox.config: commit-confirm by " + who + ": the configuration goes back to revision "
                + base + " at " + next.deadline() + " unless config:confirm comes first");
        return next;
    }

    /** Ends the probation: the changes stay. Returns the probation that ended, or empty when none was in force. */
    public Optional<Probation> confirm(String who) throws IOException {
        Probation p = probation;
        if (p == null) {
            return Optional.empty();
        }
        stop();
        LOG.log(Level.INFO, "edgebox.config: confirmed by " + who + ": the changes since revision " + p.base()
                + " stay");
        return Optional.of(p);
    }

    private void start(Probation p) {
        probation = p;
        history.pin(p.base());
        long armed = ++generation;
        if (pending != null) {
            pending.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), p.deadline()).toNanos());
        pending = timer.schedule(() -> applyThread.accept(() -> expire(armed)), delay, TimeUnit.NANOSECONDS);
    }

    private void stop() throws IOException {
        probation = null;
        generation++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        history.pin(null);
        Probation.clear(file);
    }

    /** The deadline passed: goes back to the base revision, unless confirmed or armed again meanwhile. */
    private void expire(long armed) {
        Probation p = probation;
        if (armed != generation || p == null) {
            return;
        }
        try {
            stop();
            if (history.latestNumber() == p.base()) {
                LOG.log(Level.INFO, "edgebox.config: commit-confirm not confirmed, but nothing changed since revision "
                        + p.base());
                return;
            }
            ConfigHistory.Restored done = history.rollback(p.base(), "rollback to " + p.base()
                    + ": commit-confirm by " + p.who() + " not confirmed within " + minutes(p.length()));
            long late = Duration.between(p.deadline(), clock.instant()).toMillis();
            LOG.log(Level.WARNING, "edgebox.config: commit-confirm not confirmed within " + minutes(p.length())
                    + ": rolled back to revision " + p.base()
                    + (done.revision() == null ? "" : " (now revision " + done.revision().number() + ")") + ", "
                    + late + " ms after the deadline"
                    + (done.outcome().problems().isEmpty() ? "" : "; refused after all: " + done.outcome().problems()));
        } catch (IOException | Refused | RuntimeException e) {
            LOG.log(Level.ERROR, "edgebox.config: commit-confirm not confirmed within " + minutes(p.length())
                    + ", but rolling back to revision " + p.base() + " failed: " + e.getMessage(), e);
        }
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + " ms";
        }
        return s % 60 == 0 ? s / 60 + " min" : s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
