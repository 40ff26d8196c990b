package edgebox.system.upgrade;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The layout of an upgrade bundle ({@code edgebox-VERSION.upgrade}), in this order:
 * <pre>
 *   "edgebox-upgrade 1\n"          the format line
 *   manifest length                 4 bytes, big-endian, 1 to {@value #MAX_MANIFEST}
 *   manifest                        {@link UpgradeManifest}'s text
 *   signature                       64 bytes: Ed25519 over everything above it
 *   payload                         the slot image, payload-size bytes
 * </pre>
 * A reader stops at the payload's end, so a block device holding a bundle reads the same as the file.
 */
public final class UpgradeFormat {

    /** What a slot of this image holds: a squashfs for x86-64 (kernel, initrd, userland, the distribution). */
    public static final String SLOT_FORMAT = "squashfs-x86_64";

    static final String FORMAT_LINE = "edgebox-upgrade 1\n";
    static final String FORMAT_PREFIX = "edgebox-upgrade ";
    static final int MAX_MANIFEST = 4096;
    static final int SIGNATURE_BYTES = 64;

    private UpgradeFormat() {
    }

    /** The bytes the signature covers: the format line, the manifest's length and the manifest. */
    static byte[] signed(byte[] manifest) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(FORMAT_LINE.length() + 4 + manifest.length);
        b.writeBytes(FORMAT_LINE.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(ByteBuffer.allocate(4).putInt(manifest.length).array());
        b.writeBytes(manifest);
        return b.toByteArray();
    }

    /** Where the payload starts in a bundle whose manifest has {@code manifestLength} bytes. */
    static long payloadOffset(int manifestLength) {
        return FORMAT_LINE.length() + 4L + manifestLength + SIGNATURE_BYTES;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
