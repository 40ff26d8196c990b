package edgebox.system.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.system.slot.GrubEnv;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SystemFiles;
import edgebox.system.upgrade.UpgradeRefused;

/** Upgrades on a box of temporary files: the inactive slot written and tried, or nothing touched at all. */
class UpgraderTest {

    @TempDir
    Path dir;
    private TempBox box;
    private Upgrader upgrader;
    private final byte[] payload = TempBox.payload(300_000, 7);

    @BeforeEach
    void box() throws Exception {
        box = new TempBox(dir).boot(Slot.A, "1.0").grubenv("edgebox_active=A\n");
        upgrader = new Upgrader(box.files, box.grubenv, box.versions);
    }

    @Test
    void writesTheInactiveSlotThenSetsItsTrial() throws Exception {
        List<String> done = upgrader.upgrade(box.bundle("2.0", payload));
        assertEquals(3, done.size(), done.toString());
        assertTrue(done.get(2).startsWith("the next boot tries slot B (2.0) once"), done.get(2));
        assertArrayEquals(payload, Arrays.copyOf(box.device(Slot.B), payload.length));
        assertArrayEquals(new byte[TempBox.SLOT_BYTES], box.device(Slot.A), "the booted slot is never written");
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "B", "edgebox_trial_boots", "1"), box.env());
        assertEquals(Map.of(Slot.A, "1.0", Slot.B, "2.0"), box.versions.read());
    }

    @Test
    void fromSlotBItWritesSlotA() throws Exception {
        box.boot(Slot.B, "2.0").grubenv("edgebox_active=B\nedgebox_trial=\nedgebox_trial_boots=0\n");
        upgrader.upgrade(box.bundle("3.0", payload));
        assertArrayEquals(payload, Arrays.copyOf(box.device(Slot.A), payload.length));
        assertEquals(Map.of("edgebox_active", "B", "edgebox_trial", "A", "edgebox_trial_boots", "1"), box.env());
    }

    @Test
    void offTheImageItTouchesNothing() throws Exception {
        box.boot(null, "1.0");
        Path bundle = box.bundle("2.0", payload);
        assertNothingTouched(() -> upgrader.upgrade(bundle), SystemFiles.NOT_ON_IMAGE);
    }

    @Test
    void aTamperedBundleIsRefusedBeforeTheSlotIsWritten() throws Exception {
        Path bundle = box.bundle("2.0", payload);
        try (RandomAccessFile f = new RandomAccessFile(bundle.toFile(), "rw")) {
            f.seek(f.length() - 1);
            int last = f.read();
            f.seek(f.length() - 1);
            f.write(last ^ 0x80);
        }
        UpgradeRefused e = assertNothingTouched(() -> upgrader.upgrade(bundle), null);
        assertTrue(e.getMessage().endsWith("the payload was changed or damaged"), e.getMessage());
    }

    @Test
    void aPayloadLargerThanTheSlotIsRefused() throws Exception {
        Path bundle = box.bundle("2.0", TempBox.payload(TempBox.SLOT_BYTES + 1, 8));
        assertNothingTouched(() -> upgrader.upgrade(bundle), "the payload of 1048577 bytes does not fit slot B "
                + "(1048576 bytes)");
    }

    @Test
    void aTrialBootThatIsNotYetGoodCannotBeUpgraded() throws Exception {
        box.boot(Slot.B, "2.0").grubenv("edgebox_active=A\nedgebox_trial=B\nedgebox_trial_boots=0\n");
        Path bundle = box.bundle("3.0", payload);
        assertNothingTouched(() -> upgrader.upgrade(bundle), "slot B runs on trial, not yet marked good: writing "
                + "slot A now would overwrite the only slot known good; upgrade once B is active (edgebox:slots)");
    }

    @Test
    void aSlotBootedBesideTheActiveOneIsNotUpgraded() throws Exception {
        box.boot(Slot.B, "2.0").grubenv("edgebox_active=A\n");
        Path bundle = box.bundle("3.0", payload);
        assertNothingTouched(() -> upgrader.upgrade(bundle), "slot B is booted but the GRUB environment's active "
                + "slot is A: writing A would overwrite the slot GRUB boots by default");
    }

    @Test
    void aFailedWriteLeavesTheGrubEnvironmentAlone() throws Exception {
        Path device = box.files.dev().resolve("vda4");
        Files.delete(device);
        Files.createDirectory(device);
        GrubEnv before = box.block();
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> upgrader.upgrade(box.bundle("2.0", payload)));
        assertTrue(e.getMessage().startsWith("writing slot B failed: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the GRUB environment is unchanged, slot A boots as before"),
                e.getMessage());
        assertEquals(before, box.block());
        assertEquals(Map.of(Slot.A, "1.0"), box.versions.read(), "slot B's version is unknown");
    }

    @Test
    void aPendingTrialOfTheSlotToBeWrittenIsCancelledFirst() throws Exception {
        upgrader.upgrade(box.bundle("2.0", payload));
        Path device = box.files.dev().resolve("vda4");
        Files.delete(device);
        Files.createDirectory(device);
        UpgradeRefused e = assertThrows(UpgradeRefused.class, () -> upgrader.upgrade(box.bundle("2.1", payload)));
        assertTrue(e.getMessage().startsWith("writing slot B failed"), e.getMessage());
        assertEquals(Map.of("edgebox_active", "A", "edgebox_trial", "", "edgebox_trial_boots", "0"), box.env(),
                "a half-written slot is never tried");
    }

    private interface Upgrade {
        List<String> run() throws Exception;
    }

    /** Runs {@code upgrade}, which must be refused (with {@code message} unless null), and checks nothing changed. */
    private UpgradeRefused assertNothingTouched(Upgrade upgrade, String message) throws Exception {
        GrubEnv before = box.block();
        byte[] grubenvBytes = Files.readAllBytes(box.files.grubenv());
        UpgradeRefused e = assertThrows(UpgradeRefused.class, upgrade::run);
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        assertEquals(before, box.block());
        assertArrayEquals(grubenvBytes, Files.readAllBytes(box.files.grubenv()));
        assertArrayEquals(new byte[TempBox.SLOT_BYTES], box.device(Slot.A));
        assertArrayEquals(new byte[TempBox.SLOT_BYTES], box.device(Slot.B));
        assertEquals(false, Files.exists(box.files.slotVersions()));
        return e;
    }
}
