package edgebox.system.upgrade;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads the Ed25519 keys upgrades are signed and verified with, as OpenSSL writes them: a PKCS#8
 * {@code PRIVATE KEY} and a SubjectPublicKeyInfo {@code PUBLIC KEY} in PEM. Messages name the file, never its
 * contents.
 */
public final class UpgradeKeys {

    private UpgradeKeys() {
    }

    public static Ed25519PrivateKeyParameters privateKey(Path pem) throws UpgradeRefused {
        AsymmetricKeyParameter key;
        byte[] der = der(pem, "PRIVATE KEY");
        try {
            key = PrivateKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new UpgradeRefused(pem + ": not a PKCS#8 private key this signer can read");
        }
        if (key instanceof Ed25519PrivateKeyParameters ed25519) {
            return ed25519;
        }
        throw new UpgradeRefused(pem + ": not an Ed25519 key (" + kind(key) + ")");
    }

    public static Ed25519PublicKeyParameters publicKey(Path pem) throws UpgradeRefused {
        AsymmetricKeyParameter key;
        byte[] der = der(pem, "PUBLIC KEY");
        try {
            key = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new UpgradeRefused(pem + ": not a public key this box can read");
        }
        if (key instanceof Ed25519PublicKeyParameters ed25519) {
            return ed25519;
        }
        throw new UpgradeRefused(pem + ": not an Ed25519 key (" + kind(key) + ")");
    }

    /** A short name for a public key: the first 8 bytes of the SHA-256 of its 32 bytes, in hex. */
    public static String keyId(Ed25519PublicKeyParameters key) {
        byte[] digest = UpgradeFormat.sha256().digest(key.getEncoded());
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    /** The algorithm of a key, from Bouncy Castle's class name: RSA, EC, Ed448 ... */
    private static String kind(AsymmetricKeyParameter key) {
        return key.getClass().getSimpleName().replaceAll("(PrivateCrt|Private|Public)?KeyParameters$", "");
    }

    private static byte[] der(Path pem, String type) throws UpgradeRefused {
        try (Reader r = Files.newBufferedReader(pem, StandardCharsets.US_ASCII); PemReader reader = new PemReader(r)) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new UpgradeRefused(pem + ": no PEM block in it");
            }
            if (!object.getType().equals(type)) {
                throw new UpgradeRefused(pem + ": holds a " + object.getType() + ", not a " + type);
            }
            return object.getContent();
        } catch (NoSuchFileException e) {
            throw new UpgradeRefused(pem + ": no such file");
        } catch (IOException | RuntimeException e) {
            throw new UpgradeRefused(pem + ": cannot be read as PEM (damaged framing or base64)");
        }
    }
}
