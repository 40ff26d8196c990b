package edgebox.system.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Writes an upgrade bundle: hashes the payload, signs the manifest, then writes format line, manifest, signature and
 * payload to a file beside {@code out} and moves it into place, so {@code out} is whole or absent.
 */
public final class UpgradeWriter {

    private UpgradeWriter() {
    }

    public static UpgradeManifest write(Path payload, String version, String slotFormat,
            Ed25519PrivateKeyParameters key, Path out) throws IOException {
        long size = Files.size(payload);
        if (size == 0) {
            throw new IllegalArgumentException(payload + ": empty");
        }
        MessageDigest sha256 = UpgradeFormat.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(payload), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        UpgradeManifest manifest = new UpgradeManifest(version, slotFormat, size,
                HexFormat.of().formatHex(sha256.digest()), UpgradeKeys.keyId(key.generatePublicKey()));
        byte[] signed = UpgradeFormat.signed(manifest.toBytes());
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(signed, 0, signed.length);
        byte[] signature = signer.generateSignature();

        Path dir = out.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, out.getFileName().toString(), ".partial");
        try {
            MessageDigest copied = UpgradeFormat.sha256();
            try (OutputStream o = Files.newOutputStream(partial);
                    InputStream in = new DigestInputStream(Files.newInputStream(payload), copied)) {
                o.write(signed);
                o.write(signature);
                in.transferTo(o);
            }
            if (!HexFormat.of().formatHex(copied.digest()).equals(manifest.payloadSha256())) {
                throw new IOException(payload + ": changed while it was signed");
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return manifest;
    }
}
