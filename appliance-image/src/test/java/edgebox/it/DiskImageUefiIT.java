package edgebox.it;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk image booted by UEFI (OVMF: /EFI/BOOT/BOOTX64.EFI on the ESP), without KVM: ready on the serial console,
 * DNS and HTTP through the forwards once the console has opened them to the host, a clean power-off by the power
 * button.
 */
class DiskImageUefiIT {

    @TempDir
    static Path dir;

    @Test
    void bootsByUefiAndServes() throws Exception {
        Path disk = DiskImages.copy(dir, "DiskImageUefiIT");
        Forwards forwards = Forwards.pick();
        try (Qemu vm = Qemu.boot(disk, Qemu.Firmware.OVMF, forwards, dir, "DiskImageUefiIT")) {
            vm.awaitLine("edgebox initramfs: slot A from /dev/vda3", Duration.ofMinutes(3));
            vm.awaitLine("edgebox ready in ", DiskImageSteps.BOOT_TO_READY);
            DiskImageSteps.openToTheHost(vm);
            DiskImageSteps.serves(forwards);
            DiskImageSteps.powerOff(vm);
        }
    }
}
