package edgebox.system.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import edgebox.system.slot.SlotDevice;
import edgebox.system.upgrade.UpgradeRefused;
import edgebox.system.upgrade.VerifiedUpgrade;

/**
 * Copies a verified payload onto a slot's partition from its first byte, hashing what it copies, syncs the device,
 * then reads the payload's length back and hashes it again. Either hash differing from the signed one is refused;
 * the boot environment is the caller's to leave alone then.
 */
final class SlotWriter {

    private static final int BUFFER = 1 << 20;

    private SlotWriter() {
    }

    static void write(VerifiedUpgrade upgrade, SlotDevice slot) throws IOException, UpgradeRefused {
        long size = upgrade.manifest().payloadSize();
        String expected = upgrade.manifest().payloadSha256();
        MessageDigest copied = sha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel in = FileChannel.open(upgrade.bundle(), StandardOpenOption.READ);
                FileChannel out = FileChannel.open(slot.device(), StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < size) {
                buffer.clear().limit((int) Math.min(BUFFER, size - done));
                int n = in.read(buffer, upgrade.payloadOffset() + done);
                if (n < 0) {
                    throw new UpgradeRefused(upgrade.bundle() + " became shorter while slot " + slot.slot()
                            + " was written");
                }
                buffer.flip();
                copied.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    done += out.write(buffer, done);
                }
            }
            out.force(true);
        }
        if (!hex(copied).equals(expected)) {
            throw new UpgradeRefused(upgrade.bundle() + " changed after it was verified: slot " + slot.slot()
                    + " holds what it changed to");
        }
        String readBack = hash(slot.device(), size, buffer);
        if (!readBack.equals(expected)) {
            throw new UpgradeRefused("slot " + slot.slot() + " (" + slot.device() + ") reads back with SHA-256 "
                    + readBack + ", not the " + expected + " written");
        }
    }

    private static String hash(Path device, long size, ByteBuffer buffer) throws IOException, UpgradeRefused {
        MessageDigest sha256 = sha256();
        try (FileChannel in = FileChannel.open(device, StandardOpenOption.READ)) {
            long done = 0;
            while (done < size) {
                buffer.clear().limit((int) Math.min(BUFFER, size - done));
                int n = in.read(buffer, done);
                if (n < 0) {
                    throw new UpgradeRefused(device + " ends after " + done + " of the " + size + " bytes written");
                }
                buffer.flip();
                sha256.update(buffer);
                done += n;
            }
        }
        return hex(sha256);
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
