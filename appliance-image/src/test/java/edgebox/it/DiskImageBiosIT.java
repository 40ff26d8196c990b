package edgebox.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk image booted by legacy BIOS (qemu's SeaBIOS, GRUB's boot.img in the MBR and core.img in the BIOS boot
 * partition), without KVM. First boot: ready on the serial console, configuration typed on that console, DNS and
 * HTTP through the forwards, a clean power-off by the power button. Then slot B on trial, never marked good: the
 * supervisor reboots at its deadline, GRUB returns to slot A by itself, and A serves again with the configuration the
 * console wrote in the first boot. The second test runs on the disk the first one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiskImageBiosIT {

    static final Duration BOOT_TO_READY = DiskImageSteps.BOOT_TO_READY;
    static final Duration STEP = DiskImageSteps.STEP;
    /** Short enough that the box cannot get ready (and mark itself good) in time under TCG. */
    static final int TRIAL_DEADLINE_SECONDS = 30;

    @TempDir
    static Path dir;
    static Path disk;
    static Forwards forwards;

    @BeforeAll
    static void copy() throws Exception {
        disk = DiskImages.copy(dir, "DiskImageBiosIT");
        forwards = Forwards.pick();
    }

    @Test
    @Order(1)
    void firstBootServesWhatTheConsoleConfiguresAndPowersOffCleanly() throws Exception {
        try (Qemu vm = Qemu.boot(disk, Qemu.Firmware.SEABIOS, forwards, dir, "DiskImageBiosIT-first")) {
            vm.awaitLine("edgebox initramfs: slot A from /dev/vda3", STEP.multipliedBy(2));
            vm.awaitLine("edgebox ready in ", BOOT_TO_READY);
            DiskImageSteps.openToTheHost(vm);
            vm.console("config:set edgebox.supervisor trialDeadlineSeconds=" + TRIAL_DEADLINE_SECONDS,
                    "wrote etc/edgebox.supervisor.cfg", STEP);
            DiskImageSteps.serves(forwards);
            DiskImageSteps.powerOff(vm);
        }
    }

    @Test
    @Order(2)
    void aTrialNeverMarkedGoodFallsBackToTheSlotKnownGood() throws Exception {
        DiskImages.copySlot(disk, "edgebox-a", "edgebox-b");
        DiskImages.setGrubenv(disk, Map.of("edgebox_trial", "B", "edgebox_trial_boots", "1"), dir);
        try (Qemu vm = Qemu.boot(disk, Qemu.Firmware.SEABIOS, forwards, dir, "DiskImageBiosIT-trial")) {
            vm.awaitLine("edgebox initramfs: slot B from /dev/vda4", STEP.multipliedBy(2));
            vm.awaitLine("trial boot of slot B", STEP);
            Qemu.Line giveUp = vm.awaitLine("not marked good within " + TRIAL_DEADLINE_SECONDS + " s",
                    Duration.ofSeconds(TRIAL_DEADLINE_SECONDS).plus(STEP));
            int reboot = vm.mark();
            vm.awaitLine("the trial boot of slot B was not marked good", reboot, STEP);
            vm.awaitLine("edgebox initramfs: slot A from /dev/vda3", reboot, STEP.multipliedBy(2));
            Qemu.Line ready = vm.awaitLine("edgebox ready in ", reboot, BOOT_TO_READY);
            System.out.printf("from the trial's deadline to ready on the slot known good: %d s%n",
                    (ready.atMillis() - giveUp.atMillis()) / 1000);
            DiskImageSteps.serves(forwards);
            DiskImageSteps.powerOff(vm);
        }
        Map<String, String> env = DiskImages.grubenv(disk);
        assertEquals("A", env.get("edgebox_active"), "grubenv: " + env);
        assertEquals("", env.get("edgebox_trial"), "the used trial is cleared: " + env);
        assertEquals("0", env.get("edgebox_trial_boots"), "grubenv: " + env);
        assertTrue(env.containsKey("edgebox_trial"), "grubenv: " + env);
    }
}
