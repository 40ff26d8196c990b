package edgebox.system.install;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import edgebox.system.slot.Slot;
import edgebox.system.slot.SystemFiles;

/**
 * Marks this boot's trial good once the box has been ready for {@code goodAfter} without a break: learns at start
 * which slot booted and whether it is on trial, counts readiness in a {@link TrialClock}, and has the
 * {@link GoodMarker} mark the slot on the thread it is given, retrying every {@value #RETRY_SECONDS} s while
 * marking fails. Says where it stands in one line.
 */
public final class TrialWatch {

    private static final Logger LOG = System.getLogger("edgebox.system");
    static final long RETRY_SECONDS = 10;

    private final GoodMarker marker;
    private final TrialClock clock;
    private final ScheduledExecutorService thread;
    private Optional<Slot> booted = Optional.empty();
    private Optional<Slot> trial = Optional.empty();
    private volatile boolean marked;
    private volatile String lastError;
    private ScheduledFuture<?> check;

    public TrialWatch(SystemFiles files, GoodMarker marker, Duration goodAfter, ScheduledExecutorService thread) {
        this.marker = marker;
        this.clock = new TrialClock(goodAfter);
        this.thread = thread;
        try {
            booted = files.bootedSlot();
            trial = marker.trialBooted();
        } catch (IOException e) {
            failed("cannot tell which slot booted and whether it is on trial: " + e.getMessage());
        }
        trial.ifPresent(slot -> LOG.log(Level.INFO, "system: slot " + slot + " on trial; marked good after "
                + seconds(goodAfter) + " ready"));
    }

    /** The box became ready: the count starts, unless it runs already. */
    public void ready() {
        clock.ready(System.nanoTime());
        schedule(clock.untilGood(System.nanoTime()));
    }

    /** The box is no longer ready: the count stops, to start again from nothing. */
    public void notReady() {
        clock.notReady();
        schedule(null);
    }

    /** The latest failure to learn this boot's trial or to mark it good; null when there was none. */
    public String lastError() {
        return lastError;
    }

    /** Checks after {@code delay}, or not at all when it is null; only while this boot is an unmarked trial. */
    private synchronized void schedule(Duration delay) {
        if (check != null) {
            check.cancel(false);
        }
        if (trial.isPresent() && !marked && delay != null) {
            try {
                check = thread.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // the component is going away; the next one starts over
            }
        }
    }

    private void check() {
        if (!clock.due(System.nanoTime())) {
            schedule(clock.untilGood(System.nanoTime()));
            return;
        }
        Slot slot = trial.orElseThrow();
        try {
            if (marker.markIfTrial().isPresent()) {
                marked = true;
                lastError = null;
                LOG.log(Level.INFO, "system: slot " + slot + " marked good: ready for " + seconds(clock.goodAfter()));
            } else {
                failed("slot " + slot + " is no longer on trial in the GRUB environment; not marked good");
            }
        } catch (IOException | RuntimeException e) {
            failed("marking slot " + slot + " good failed, again in " + RETRY_SECONDS + " s: " + e.getMessage());
            schedule(Duration.ofSeconds(RETRY_SECONDS));
        }
    }

    private void failed(String message) {
        lastError = message;
        LOG.log(Level.ERROR, "system: " + message);
    }

    /** This boot's slot and trial, and where marking it good stands. */
    public String line() {
        if (booted.isEmpty()) {
            return SystemFiles.NOT_ON_IMAGE;
        }
        if (trial.isEmpty()) {
            return "slot " + booted.get() + " booted; no trial";
        }
        String slot = "slot " + booted.get() + " on trial";
        if (marked) {
            return slot + ", marked good";
        }
        long now = System.nanoTime();
        String goodAfter = seconds(clock.goodAfter());
        return clock.untilGood(now) == null
                ? slot + ": waiting for the box to be ready, then " + goodAfter + " ready marks it good"
                : slot + ": ready for " + seconds(clock.readyFor(now)) + " of " + goodAfter;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
