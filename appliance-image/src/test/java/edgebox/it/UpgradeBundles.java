package edgebox.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Upgrade bundles the upgrade test makes from the slot the {@code disk} profile built, without root: the slot
 * unpacked (unsquashfs), its release version changed (and, for a broken version, its bin/edgebox replaced by one
 * that never gets ready), packed again as the image build packs it (mksquashfs -all-root, xz), and signed by
 * SignUpgrade run as the build runs it, with the system jar and bcprov only. A bundle meant for a drive is padded to
 * whole MiB, as a disk is; a reader stops at the payload's end.
 */
final class UpgradeBundles {

    static final Path SLOT = Path.of(System.getProperty("edgebox.slotImage", "target/image/slot.squashfs"));
    static final Path KEY = Path.of(System.getProperty("edgebox.upgradeKey", "src/test/keys/upgrade-test.key"));
    static final String SIGNER_CLASSPATH = System.getProperty("edgebox.signerClasspath", "");
    /** bytes before the manifest: the format line "edgebox-upgrade 1\n" and the manifest's 4-byte length */
    private static final int HEADER = 18 + 4;
    private static final int SIGNATURE = 64;
    private static final Duration SQUASH = Duration.ofMinutes(10);
    private static final String NEVER_READY = """
            #!/bin/sh
            # the upgrade test's broken version: a box that starts and never gets ready
            echo "edgebox: this version never gets ready"
            exec sleep 1000000
            """;

    private UpgradeBundles() {
    }

    /** The version= of the built slot's /etc/edgebox/release. */
    static String builtVersion() throws IOException, InterruptedException {
        requireSlot();
        Tools.Result r = check(Tools.run(Duration.ofSeconds(60), null, "unsquashfs", "-cat", SLOT.toString(),
                "etc/edgebox/release"), "unsquashfs -cat");
        return r.out().lines().filter(l -> l.startsWith("version=")).map(l -> l.substring(8)).findFirst()
                .orElseThrow(() -> new AssertionError(SLOT + ": no version= in /etc/edgebox/release: " + r.out()));
    }

    /**
     * A signed bundle of the built slot with release version {@code version}, in {@code dir}; when {@code neverReady},
     * its box never gets ready.
     */
    static Path make(Path dir, String name, String version, boolean neverReady)
            throws IOException, InterruptedException {
        requireSlot();
        Path root = dir.resolve(name + "-root");
        check(Tools.run(SQUASH, null, "unsquashfs", "-no-progress", "-d", root.toString(), SLOT.toString()),
                "unsquashfs");
        Path release = root.resolve("etc/edgebox/release");
        String text = Files.readString(release, StandardCharsets.UTF_8).replaceAll("(?m)^version=.*$",
                "version=" + version);
        Files.writeString(release, text, StandardCharsets.UTF_8);
        if (neverReady) {
            Path launcher = root.resolve("edgebox/bin/edgebox");
            Files.writeString(launcher, NEVER_READY, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path slot = dir.resolve(name + ".squashfs");
        check(Tools.run(SQUASH, null, "mksquashfs", root.toString(), slot.toString(), "-all-root", "-comp", "xz",
                "-Xbcj", "x86", "-noappend", "-quiet", "-no-progress"), "mksquashfs");
        check(Tools.run(Duration.ofSeconds(60), null, "chmod", "-R", "u+w", root.toString()), "chmod");
        check(Tools.run(Duration.ofSeconds(60), null, "rm", "-rf", root.toString()), "rm");
        Path bundle = dir.resolve(name + ".upgrade");
        sign(slot, version, bundle);
        Files.delete(slot);
        return bundle;
    }

    /** SignUpgrade as the build runs it: {@code java -cp system.jar:bcprov.jar}. */
    static void sign(Path slot, String version, Path out) throws IOException, InterruptedException {
        if (SIGNER_CLASSPATH.isEmpty() || SIGNER_CLASSPATH.contains("${")) {
            throw new AssertionError("no signer classpath (edgebox.signerClasspath): run with -Pdisk");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        check(Tools.run(Duration.ofMinutes(2), null, java.toString(), "-cp", SIGNER_CLASSPATH,
                "edgebox.system.upgrade.SignUpgrade", "--key", KEY.toString(), "--payload", slot.toString(),
                "--version", version, "--out", out.toString()), "SignUpgrade");
    }

    /** A copy of {@code bundle} with one byte in the middle of its payload changed; signature and manifest intact. */
    static Path tampered(Path bundle, Path out) throws IOException {
        Files.copy(bundle, out, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(4);
            ch.read(length, HEADER - 4);
            long payload = HEADER + length.getInt(0) + SIGNATURE;
            long at = payload + (ch.size() - payload) / 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
            ch.write(one, at);
        }
        return out;
    }

    /** Pads {@code bundle} with zeros to whole MiB, the size of a drive qemu attaches it as. */
    static Path asDrive(Path bundle) throws IOException {
        long size = Files.size(bundle);
        long mib = 1 << 20;
        try (FileChannel ch = FileChannel.open(bundle, StandardOpenOption.WRITE)) {
            long padded = (size + mib - 1) / mib * mib;
            if (padded > size) {
                ch.write(ByteBuffer.allocate(1), padded - 1);
            }
        }
        return bundle;
    }

    private static void requireSlot() {
        if (!Files.isRegularFile(SLOT)) {
            throw new AssertionError("no slot image at " + SLOT + ": build it with mvn package -Pdisk");
        }
    }

    private static Tools.Result check(Tools.Result r, String what) {
        if (r.exit() != 0) {
            throw new AssertionError(what + ": " + r);
        }
        return r;
    }
}
