package edgebox.system.upgrade;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Checks an upgrade bundle (a file, or a block device holding one) before anything is written: the signature over
 * the manifest with the box's key, then the slot format and the payload's size against the slot, then the payload's
 * SHA-256, reading it once as a stream. Each way a bundle can be wrong has its own message.
 */
public final class UpgradeVerifier {

    private static final int BUFFER = 1 << 20;

    private final Ed25519PublicKeyParameters key;
    private final String keyId;
    private final String slotFormat;

    public UpgradeVerifier(Ed25519PublicKeyParameters key, String slotFormat) {
        this.key = key;
        this.keyId = UpgradeKeys.keyId(key);
        this.slotFormat = slotFormat;
    }

    /**
     * @param slot      the slot's name in messages
     * @param slotBytes how many bytes the slot holds
     */
    public VerifiedUpgrade verify(Path bundle, String slot, long slotBytes) throws UpgradeRefused, IOException {
        try (FileChannel channel = FileChannel.open(bundle, StandardOpenOption.READ);
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel),
                        BUFFER))) {
            byte[] manifestBytes = header(in);
            UpgradeManifest manifest = signedManifest(manifestBytes, readFully(in, UpgradeFormat.SIGNATURE_BYTES,
                    "the signature"));
            if (!manifest.slotFormat().equals(slotFormat)) {
                throw new UpgradeRefused("the bundle is for slot format " + manifest.slotFormat() + "; this box's "
                        + "slots take " + slotFormat);
            }
            if (manifest.payloadSize() > slotBytes) {
                throw new UpgradeRefused("the payload of " + manifest.payloadSize() + " bytes does not fit slot "
                        + slot + " (" + slotBytes + " bytes)");
            }
            checkPayload(in, manifest);
            if (Files.isRegularFile(bundle) && in.read() >= 0) {
                throw new UpgradeRefused("bytes follow the payload: the file is not the bundle as it was signed");
            }
            return new VerifiedUpgrade(bundle, manifest, UpgradeFormat.payloadOffset(manifestBytes.length));
        } catch (NoSuchFileException e) {
            throw new UpgradeRefused(bundle + ": no such file");
        }
    }

    /** The format line and the manifest's bytes. */
    private static byte[] header(DataInputStream in) throws IOException, UpgradeRefused {
        byte[] line = in.readNBytes(UpgradeFormat.FORMAT_LINE.length());
        String text = new String(line, StandardCharsets.US_ASCII);
        if (!text.equals(UpgradeFormat.FORMAT_LINE)) {
            if (text.startsWith(UpgradeFormat.FORMAT_PREFIX) && text.endsWith("\n")) {
                throw new UpgradeRefused("upgrade bundle format " + text.substring(UpgradeFormat.FORMAT_PREFIX
                        .length()).strip() + "; this box reads format 1");
            }
            throw new UpgradeRefused(UpgradeFormat.FORMAT_LINE.startsWith(text) && line.length > 0
                    ? "truncated: the file ends inside the header"
                    : "not an edgebox upgrade bundle (it does not start with \"edgebox-upgrade 1\")");
        }
        int length = ByteBuffer.wrap(readFully(in, 4, "the manifest's length")).getInt();
        if (length < 1 || length > UpgradeFormat.MAX_MANIFEST) {
            throw new UpgradeRefused("a manifest of " + Integer.toUnsignedString(length) + " bytes (1 to "
                    + UpgradeFormat.MAX_MANIFEST + " allowed): the bundle is damaged");
        }
        return readFully(in, length, "the manifest");
    }

    private UpgradeManifest signedManifest(byte[] manifestBytes, byte[] signature) throws UpgradeRefused {
        byte[] signed = UpgradeFormat.signed(manifestBytes);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(signed, 0, signed.length);
        if (verifier.verifySignature(signature)) {
            return UpgradeManifest.parse(manifestBytes);
        }
        UpgradeManifest claimed;
        try {
            claimed = UpgradeManifest.parse(manifestBytes);
        } catch (UpgradeRefused unreadable) {
            throw new UpgradeRefused("the signature does not verify and the manifest is unreadable ("
                    + unreadable.getMessage() + "): the bundle was changed or damaged");
        }
        if (!claimed.keyId().equals(keyId)) {
            throw new UpgradeRefused("signed with another key (key id " + claimed.keyId() + "); this box trusts "
                    + "key id " + keyId + " only");
        }
        throw new UpgradeRefused("the signature does not match the manifest: the manifest was changed after "
                + "signing");
    }

    private static void checkPayload(InputStream in, UpgradeManifest manifest) throws IOException, UpgradeRefused {
        MessageDigest sha256 = UpgradeFormat.sha256();
        byte[] buffer = new byte[BUFFER];
        long left = manifest.payloadSize();
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new UpgradeRefused("truncated: the payload ends after " + (manifest.payloadSize() - left)
                        + " of " + manifest.payloadSize() + " bytes");
            }
            sha256.update(buffer, 0, n);
            left -= n;
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(manifest.payloadSha256())) {
            throw new UpgradeRefused("the payload's SHA-256 is " + actual + ", the signed manifest says "
                    + manifest.payloadSha256() + ": the payload was changed or damaged");
        }
    }

    private static byte[] readFully(DataInputStream in, int n, String what) throws IOException, UpgradeRefused {
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new UpgradeRefused("truncated: the file ends inside " + what);
        }
        return b;
    }
}
