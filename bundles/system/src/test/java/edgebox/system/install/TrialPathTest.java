package edgebox.system.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.system.slot.BootEnv;
import edgebox.system.slot.Slot;

/**
 * The whole way on temporary files: upgrade from A, GRUB's trial boot of B (played here as its grub.cfg does it),
 * readiness held long enough, B marked good; and the trial that never gets good, after which GRUB returns to A.
 */
class TrialPathTest {

    private static final long S = 1_000_000_000L;

    @TempDir
    Path dir;

    /** What the image's grub.cfg does on a boot: the slot it boots, with the environment changed as it saves it. */
    private static Slot grubBoots(TempBox box) throws Exception {
        BootEnv boot = BootEnv.read(box.grubenv);
        Slot slot;
        if (boot.trial().isPresent() && boot.trialBoots() == 1) {
            slot = boot.trial().get();
            box.grubenv.update(env -> env.with(BootEnv.TRIAL_BOOTS, "0"));
        } else {
            if (boot.trial().isPresent()) {
                box.grubenv.update(env -> env.with(BootEnv.TRIAL, ""));
            }
            slot = boot.active().orElseThrow();
        }
        return slot;
    }

    @Test
    void upgradeTrialBootAndMarkGood() throws Exception {
        TempBox box = new TempBox(dir).boot(Slot.A, "1.0").grubenv("edgebox_active=A\n");
        new Upgrader(box.files, box.grubenv, box.versions).upgrade(box.bundle("2.0", TempBox.payload(50_000, 1)));

        assertEquals(Slot.B, grubBoots(box));
        box.boot(Slot.B, "2.0");
        GoodMarker marker = new GoodMarker(box.files, box.grubenv, box.versions);
        assertEquals(Optional.of(Slot.B), marker.trialBooted());
        TrialClock clock = new TrialClock(Duration.ofSeconds(60));
        clock.ready(0);
        clock.notReady();
        clock.ready(30 * S);
        assertFalse(clock.due(60 * S), "readiness dropped, so the count started again at 30 s");
        assertTrue(clock.due(90 * S));
        assertEquals(Optional.of(Slot.B), marker.markIfTrial());

        assertEquals(Map.of("edgebox_active", "B", "edgebox_trial", "", "edgebox_trial_boots", "0"), box.env());
        assertEquals(Map.of(Slot.A, "1.0", Slot.B, "2.0"), box.versions.read());
        assertEquals(Optional.empty(), marker.markIfTrial(), "marked once");
        assertEquals(Slot.B, grubBoots(box), "B boots from now on");
        assertEquals(Optional.empty(), new GoodMarker(box.files, box.grubenv, box.versions).trialBooted());
    }

    @Test
    void aTrialNeverMarkedGoodReturnsToTheOldSlot() throws Exception {
        TempBox box = new TempBox(dir).boot(Slot.A, "1.0").grubenv("edgebox_active=A\n");
        new Upgrader(box.files, box.grubenv, box.versions).upgrade(box.bundle("2.0", TempBox.payload(50_000, 2)));
        assertEquals(Slot.B, grubBoots(box));
        box.boot(Slot.B, "2.0");
        assertEquals(Optional.of(Slot.B), new GoodMarker(box.files, box.grubenv, box.versions).trialBooted());

        assertEquals(Slot.A, grubBoots(box), "the box rebooted without marking B good");
        box.boot(Slot.A, "1.0");
        GoodMarker marker = new GoodMarker(box.files, box.grubenv, box.versions);
        assertEquals(Optional.empty(), marker.trialBooted());
        assertEquals(Optional.empty(), marker.markIfTrial());
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "", "edgebox_trial_boots", "0"), box.env());
        assertEquals(Slot.A, grubBoots(box));
    }

    @Test
    void offTheImageNothingIsMarked() throws Exception {
        TempBox box = new TempBox(dir).boot(null, "1.0").grubenv("edgebox_active=A\nedgebox_trial=B\n");
        GoodMarker marker = new GoodMarker(box.files, box.grubenv, box.versions);
        assertEquals(Optional.empty(), marker.markIfTrial());
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "B"), box.env());
    }
}
