package edgebox.system.slot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the box keeps what the A/B scheme reads and writes; the image's paths by default, temporary files in tests.
 *
 * @param cmdline      the kernel command line ({@code /proc/cmdline})
 * @param sysBlock     the kernel's block devices ({@code /sys/class/block})
 * @param dev          the device files ({@code /dev})
 * @param grubenv      the GRUB environment file on the boot partition
 * @param release      the running slot's release file
 * @param upgradeKey   the public key upgrade bundles must be signed with
 * @param slotVersions the versions each slot holds, under the home
 */
public record SystemFiles(Path cmdline, Path sysBlock, Path dev, Path grubenv, Path release, Path upgradeKey,
        Path slotVersions) {

    /** What the commands say off the image, where they touch nothing. */
    public static final String NOT_ON_IMAGE = "not running from an edgebox image (no " + KernelCommandLine.SLOT
            + "= on the kernel command line): no slots here, nothing read or written";

    public Optional<Slot> bootedSlot() throws IOException {
        return KernelCommandLine.bootedSlot(cmdline);
    }

    public Map<Slot, SlotDevice> devices() throws IOException {
        return new BlockDevices(sysBlock, dev).slots();
    }

    public String runningVersion() throws IOException {
        return Release.version(release);
    }
}
