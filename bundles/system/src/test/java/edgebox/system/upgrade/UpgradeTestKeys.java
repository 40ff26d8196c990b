package edgebox.system.upgrade;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** The test key pair of appliance-image/src/test/keys, and fresh pairs for "another key". */
public final class UpgradeTestKeys {

    private UpgradeTestKeys() {
    }

    public static Path privatePem() {
        return Path.of(System.getProperty("upgrade.keys", "../../appliance-image/src/test/keys"), "upgrade-test.key");
    }

    public static Path publicPem() {
        return privatePem().resolveSibling("upgrade-test.pub");
    }

    /** A new Ed25519 pair written as {@code dir/NAME.key} and {@code dir/NAME.pub}; returns the private key's file. */
    public static Path generate(Path dir, String name) throws IOException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        Ed25519PrivateKeyParameters key = (Ed25519PrivateKeyParameters) generator.generateKeyPair().getPrivate();
        Path privateFile = dir.resolve(name + ".key");
        pem(privateFile, "PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
        pem(dir.resolve(name + ".pub"), "PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                key.generatePublicKey()).getEncoded());
        return privateFile;
    }

    private static void pem(Path file, String type, byte[] der) throws IOException {
        try (Writer w = Files.newBufferedWriter(file); PemWriter pem = new PemWriter(w)) {
            pem.writeObject(new PemObject(type, der));
        }
    }
}
