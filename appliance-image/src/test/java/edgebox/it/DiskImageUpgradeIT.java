package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk image's A/B upgrade, on one machine booted by legacy BIOS (qemu's SeaBIOS, GRUB's boot.img in the MBR and
 * core.img in the BIOS boot partition) through its reboots, without KVM. Three upgrade bundles made at test time
 * from the built slot sit on drives of their own, as on USB sticks: a tampered one (/dev/vdb), a second version
 * (/dev/vdc) and a broken version whose box never gets ready (/dev/vdd).
 * <ol>
 * <li>Slot A boots and gets ready; the serial console opens DNS and health to the host, and they serve through the
 * forwards. {@code edgebox:slots} shows A booted and active.</li>
 * <li>The tampered bundle is refused, and slot B's bytes are as they were.</li>
 * <li>The second version goes to slot B, whose trial boot gets ready, is marked good and serves with the first
 * boot's console configuration.</li>
 * <li>The broken version goes to slot A, whose trial boot never gets ready: the supervisor reboots at the trial
 * deadline and GRUB boots slot B, which serves again, its configuration kept. The power button stops it cleanly.</li>
 * </ol>
 */
class DiskImageUpgradeIT {

    static final Duration BOOT_TO_READY = DiskImageSteps.BOOT_TO_READY;
    static final Duration STEP = DiskImageSteps.STEP;
    /** Verifying, writing and reading back a slot of about 100 MiB under TCG. */
    static final Duration UPGRADE = Duration.ofMinutes(5);
    static final int GOOD_AFTER_SECONDS = 5;
    /** Comfortably above boot to ready under TCG on 2 shared cores (1.5 to 2 minutes) plus goodAfter. */
    static final int TRIAL_DEADLINE_SECONDS = 240;

    @TempDir
    static Path dir;
    static Path disk;
    static Forwards forwards;
    static String second;
    static String broken;
    static List<Path> drives;

    @BeforeAll
    static void bundles() throws Exception {
        disk = DiskImages.copy(dir, "DiskImageUpgradeIT");
        forwards = Forwards.pick();
        String built = UpgradeBundles.builtVersion();
        second = built + "-second";
        broken = built + "-broken";
        long start = System.nanoTime();
        Path secondBundle = UpgradeBundles.make(dir, "second", second, false);
        Path brokenBundle = UpgradeBundles.make(dir, "broken", broken, true);
        Path tampered = UpgradeBundles.tampered(secondBundle, dir.resolve("tampered.upgrade"));
        System.out.printf("two versions unpacked, packed and signed in %d s%n",
                (System.nanoTime() - start) / 1_000_000_000);
        drives = List.of(UpgradeBundles.asDrive(tampered), UpgradeBundles.asDrive(secondBundle),
                UpgradeBundles.asDrive(brokenBundle));
    }

    @Test
    void upgradesToASecondVersionAndFallsBackFromABrokenOne() throws Exception {
        try (Qemu vm = Qemu.boot(disk, Qemu.Firmware.SEABIOS, forwards, dir, "DiskImageUpgradeIT", drives)) {
            firstBoot(vm);
            tamperedIsRefused(vm);
            vm.console("config:set edgebox.system goodAfter=" + GOOD_AFTER_SECONDS + "s",
                    "wrote etc/edgebox.system.cfg", STEP);
            vm.console("config:set edgebox.supervisor trialDeadlineSeconds=" + TRIAL_DEADLINE_SECONDS,
                    "wrote etc/edgebox.supervisor.cfg", STEP);
            secondVersionBecomesGood(vm);
            brokenVersionFallsBack(vm);
            DiskImageSteps.powerOff(vm);
        }
        Map<String, String> env = DiskImages.grubenv(disk);
        assertEquals("B", env.get("edgebox_active"), "grubenv: " + env);
        assertEquals("", env.get("edgebox_trial"), "the used trial is cleared: " + env);
        assertEquals("0", env.get("edgebox_trial_boots"), "grubenv: " + env);
    }

    private static void firstBoot(Qemu vm) throws Exception {
        vm.awaitLine("edgebox initramfs: slot A from /dev/vda3", STEP.multipliedBy(2));
        vm.awaitLine("edgebox ready in ", BOOT_TO_READY);
        DiskImageSteps.openToTheHost(vm);
        DiskImageSteps.serves(forwards);
        slots(vm, "booted, active (good)", null, "-", null);
    }

    private static void tamperedIsRefused(Qemu vm) throws Exception {
        String slotB = DiskImages.sha256(disk, "edgebox-b");
        Qemu.Line refused = vm.console("edgebox:upgrade /dev/vdb", "upgrade refused: ", UPGRADE);
        assertTrue(refused.text().contains("SHA-256"), "refused for its payload's hash: " + refused);
        assertEquals(slotB, DiskImages.sha256(disk, "edgebox-b"), "slot B's bytes after the refusal");
        slots(vm, "booted, active (good)", null, "-", null);
    }

    private static void secondVersionBecomesGood(Qemu vm) throws Exception {
        int from = vm.mark();
        long start = System.nanoTime();
        vm.type("edgebox:upgrade --reboot /dev/vdc");
        vm.awaitLine("wrote slot B (/dev/vda4), read it back", from, UPGRADE);
        System.out.printf("upgrade of slot B verified, written and read back in %d s%n",
                (System.nanoTime() - start) / 1_000_000_000);
        vm.awaitLine("edgebox: slot B (trial)", from, STEP.multipliedBy(2));
        vm.awaitLine("edgebox initramfs: slot B from /dev/vda4", from, STEP);
        vm.awaitLine("edgebox: slot B, version " + second, from, STEP);
        vm.awaitLine("trial boot of slot B", from, STEP);
        vm.awaitLine("edgebox ready in ", from, BOOT_TO_READY);
        vm.awaitLine("edgebox: slot B is marked good", from, STEP);
        System.out.printf("from edgebox:upgrade to slot B marked good: %d s%n",
                (System.nanoTime() - start) / 1_000_000_000);
        DiskImageSteps.serves(forwards);
        slots(vm, "-", null, "booted, active (good)", second);
    }

    private static void brokenVersionFallsBack(Qemu vm) throws Exception {
        int from = vm.mark();
        vm.type("edgebox:upgrade --reboot /dev/vdd");
        vm.awaitLine("wrote slot A (/dev/vda3), read it back", from, UPGRADE);
        vm.awaitLine("edgebox: slot A (trial)", from, STEP.multipliedBy(2));
        vm.awaitLine("edgebox: slot A, version " + broken, from, STEP.multipliedBy(2));
        vm.awaitLine("trial boot of slot A", from, STEP);
        vm.awaitLine("this version never gets ready", from, STEP);
        Qemu.Line giveUp = vm.awaitLine("slot A not marked good within " + TRIAL_DEADLINE_SECONDS + " s", from,
                Duration.ofSeconds(TRIAL_DEADLINE_SECONDS).plus(STEP));
        int reboot = vm.mark();
        vm.awaitLine("the trial boot of slot A was not marked good", reboot, STEP);
        vm.awaitLine("edgebox initramfs: slot B from /dev/vda4", reboot, STEP.multipliedBy(2));
        Qemu.Line ready = vm.awaitLine("edgebox ready in ", reboot, BOOT_TO_READY);
        DiskImageSteps.serves(forwards);
        System.out.printf("from the failed trial's deadline to ready on slot B: %d s, to serving through the "
                + "forwards: %d s%n", (ready.atMillis() - giveUp.atMillis()) / 1000,
                (vm.millis() - giveUp.atMillis()) / 1000);
        slots(vm, "-", broken, "booted, active (good)", second);
    }

    /** {@code edgebox:slots}: each slot's state and, when given, version. */
    private static void slots(Qemu vm, String stateA, String versionA, String stateB, String versionB)
            throws Exception {
        int from = vm.mark();
        vm.type("edgebox:slots");
        slot(vm.awaitLine("/dev/vda3", from, STEP), "A", stateA, versionA);
        slot(vm.awaitLine("/dev/vda4", from, STEP), "B", stateB, versionB);
    }

    private static void slot(Qemu.Line line, String slot, String state, String version) {
        String text = line.text();
        assertTrue(text.matches(".*\\b" + slot + "\\s+/dev/vda\\d\\s.*"), "edgebox:slots: " + text);
        assertTrue(text.endsWith(" " + state), "slot " + slot + " is " + state + ": " + text);
        if (version != null) {
            assertTrue(text.contains(" " + version + " "), "slot " + slot + " holds " + version + ": " + text);
        }
    }
}
