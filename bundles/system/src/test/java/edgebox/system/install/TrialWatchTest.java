package edgebox.system.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.system.slot.Slot;
import edgebox.system.slot.SystemFiles;

/** Marking a trial boot good on a real scheduler, with a short goodAfter. */
class TrialWatchTest {

    private static final Map<String, String> TRIAL = Map.of("edgebox_active", "A", "edgebox_trial", "B",
            "edgebox_trial_boots", "0");
    private static final Map<String, String> GOOD = Map.of("edgebox_active", "B", "edgebox_trial", "",
            "edgebox_trial_boots", "0");

    @TempDir
    Path dir;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    private TrialWatch watch(TempBox box, Duration goodAfter) {
        return new TrialWatch(box.files, new GoodMarker(box.files, box.grubenv, box.versions), goodAfter, thread);
    }

    private TempBox trialOfB() throws Exception {
        return new TempBox(dir).boot(Slot.B, "2.0").grubenv(
                "edgebox_active=A\nedgebox_trial=B\nedgebox_trial_boots=0\n");
    }

    @Test
    void marksTheTrialGoodOnceReadyForGoodAfter() throws Exception {
        TempBox box = trialOfB();
        TrialWatch watch = watch(box, Duration.ofMillis(200));
        assertEquals("slot B on trial: waiting for the box to be ready, then 0.2 s ready marks it good", watch.line());
        watch.ready();
        assertTrue(watch.line().startsWith("slot B on trial: ready for "), watch.line());
        await(() -> watch.line().equals("slot B on trial, marked good"));
        assertEquals(GOOD, box.env());
        assertEquals("2.0", box.versions.read().get(Slot.B));
        assertNull(watch.lastError());
    }

    @Test
    void readinessThatDropsStartsTheCountAgain() throws Exception {
        TempBox box = trialOfB();
        TrialWatch watch = watch(box, Duration.ofMillis(400));
        watch.ready();
        Thread.sleep(200);
        watch.notReady();
        Thread.sleep(500);
        assertEquals(TRIAL, box.env(), "ready for 200 ms, not 400 ms");
        long start = System.nanoTime();
        watch.ready();
        await(() -> watch.line().endsWith("marked good"));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());
        assertEquals(GOOD, box.env());
    }

    @Test
    void aBootThatIsNoTrialIsLeftAlone() throws Exception {
        TempBox box = new TempBox(dir).boot(Slot.A, "1.0").grubenv("edgebox_active=A\nedgebox_trial=B\n"
                + "edgebox_trial_boots=1\n");
        TrialWatch watch = watch(box, Duration.ZERO);
        watch.ready();
        Thread.sleep(100);
        assertEquals("slot A booted; no trial", watch.line());
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "B", "edgebox_trial_boots", "1"), box.env());
        box.boot(null, "1.0");
        assertEquals(SystemFiles.NOT_ON_IMAGE, watch(box, Duration.ZERO).line());
    }

    @Test
    void aFailureToMarkIsKeptAndRetried() throws Exception {
        TempBox box = trialOfB();
        TrialWatch watch = watch(box, Duration.ofMillis(50));
        box.grubenv("edgebox_active=A\nedgebox_trial=B\nedgebox_trial_boots=7\n");
        watch.ready();
        await(() -> watch.lastError() != null);
        assertTrue(watch.lastError().startsWith("marking slot B good failed, again in 10 s: "), watch.lastError());
        assertTrue(watch.lastError().endsWith("edgebox_trial_boots: \"7\" is neither 0 nor 1"), watch.lastError());
        assertTrue(watch.line().startsWith("slot B on trial: ready for "), watch.line());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        fail("timed out");
    }
}
