package edgebox.system.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import edgebox.system.slot.GrubEnv;
import edgebox.system.slot.GrubEnvFile;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SlotVersions;
import edgebox.system.slot.SystemFiles;
import edgebox.system.upgrade.UpgradeTestKeys;
import edgebox.system.upgrade.UpgradeFormat;
import edgebox.system.upgrade.UpgradeKeys;
import edgebox.system.upgrade.UpgradeWriter;

/**
 * A box on temporary files: a kernel command line, a sysfs naming vda3 and vda4 as the slots, plain files as their
 * devices, a 1024-byte grubenv, a release file, the test public key and slots.properties under a home.
 */
final class TempBox {

    static final int SLOT_BYTES = 1 << 20;

    final Path root;
    final SystemFiles files;
    final GrubEnvFile grubenv;
    final SlotVersions versions;

    TempBox(Path root) throws IOException {
        this.root = root;
        files = new SystemFiles(root.resolve("proc/cmdline"), root.resolve("sys/class/block"), root.resolve("dev"),
                root.resolve("boot/efi/boot/grub/grubenv"), root.resolve("etc/edgebox/release"),
                root.resolve("etc/edgebox/upgrade.pub"), root.resolve("home/data/system/slots.properties"));
        for (Path dir : new Path[] {files.cmdline().getParent(), files.dev(), files.grubenv().getParent(),
                files.release().getParent()}) {
            Files.createDirectories(dir);
        }
        for (Slot slot : Slot.values()) {
            String name = slot == Slot.A ? "vda3" : "vda4";
            Path sys = Files.createDirectories(files.sysBlock().resolve(name));
            Files.writeString(sys.resolve("uevent"), "MAJOR=253\nDEVNAME=" + name + "\nDEVTYPE=partition\nPARTNAME="
                    + slot.partitionName() + "\n");
            Files.writeString(sys.resolve("size"), SLOT_BYTES / 512 + "\n");
            Files.write(files.dev().resolve(name), new byte[SLOT_BYTES]);
        }
        Files.copy(UpgradeTestKeys.publicPem(), files.upgradeKey());
        grubenv = new GrubEnvFile(files.grubenv());
        versions = new SlotVersions(files.slotVersions());
    }

    /** Boots {@code slot} running {@code version}, or no slot at all (off the image) when it is null. */
    TempBox boot(Slot slot, String version) throws IOException {
        Files.writeString(files.cmdline(), "BOOT_IMAGE=/boot/vmlinuz console=ttyS0"
                + (slot == null ? "" : " edgebox.slot=" + slot) + " panic=5\n");
        Files.writeString(files.release(), "version=" + version + "\nbuilt=2026-12-01T10:00:00Z\n");
        return this;
    }

    /** A fresh grubenv holding {@code lines} ({@code name=value\n} ...). */
    TempBox grubenv(String lines) throws IOException {
        String used = "# GRUB Environment Block\n" + lines;
        Files.writeString(files.grubenv(), used + "#".repeat(1024 - used.length()));
        return this;
    }

    Map<String, String> env() throws IOException {
        return grubenv.read().variables();
    }

    GrubEnv block() throws IOException {
        return grubenv.read();
    }

    byte[] device(Slot slot) throws IOException {
        return Files.readAllBytes(files.dev().resolve(slot == Slot.A ? "vda3" : "vda4"));
    }

    /** A bundle of {@code payload} signed with the test key. */
    Path bundle(String version, byte[] payload) throws Exception {
        Path p = root.resolve("payload-" + version);
        Files.write(p, payload);
        Path bundle = root.resolve("edgebox-" + version + ".upgrade");
        UpgradeWriter.write(p, version, UpgradeFormat.SLOT_FORMAT, UpgradeKeys.privateKey(UpgradeTestKeys.privatePem()),
                bundle);
        return bundle;
    }

    static byte[] payload(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        System.arraycopy("hsqs".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        return b;
    }
}
