package edgebox.system.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys as OpenSSL writes them, and the refusals, none of which shows a key's bytes. */
class UpgradeKeysTest {

    @TempDir
    Path dir;

    @Test
    void readsOpenSslsEd25519PairAndNamesItByAStableId() throws Exception {
        var key = UpgradeKeys.privateKey(UpgradeTestKeys.privatePem());
        var pub = UpgradeKeys.publicKey(UpgradeTestKeys.publicPem());
        assertTrue(java.util.Arrays.equals(key.generatePublicKey().getEncoded(), pub.getEncoded()));
        assertEquals(16, UpgradeKeys.keyId(pub).length());
        assertEquals(UpgradeKeys.keyId(pub), UpgradeKeys.keyId(UpgradeKeys.publicKey(UpgradeTestKeys.publicPem())));
        Path other = UpgradeTestKeys.generate(dir, "other");
        assertFalse(UpgradeKeys.keyId(pub).equals(UpgradeKeys.keyId(UpgradeKeys.publicKey(
                other.resolveSibling("other.pub")))));
    }

    @Test
    void refusesAnRsaKeyNamingTheFileOnly() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var pair = rsa.generateKeyPair();
        Path priv = dir.resolve("rsa.key");
        Path pub = dir.resolve("rsa.pub");
        Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertEquals(priv + ": not an Ed25519 key (RSA)", assertThrows(UpgradeRefused.class,
                () -> UpgradeKeys.privateKey(priv)).getMessage());
        assertEquals(pub + ": not an Ed25519 key (RSA)", assertThrows(UpgradeRefused.class,
                () -> UpgradeKeys.publicKey(pub)).getMessage());
    }

    @Test
    void refusesWhatIsNoKey() throws Exception {
        Path text = dir.resolve("text");
        Files.writeString(text, "hello\n");
        assertEquals(text + ": no PEM block in it", assertThrows(UpgradeRefused.class,
                () -> UpgradeKeys.publicKey(text)).getMessage());
        Files.writeString(text, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertEquals(text + ": not a public key this box can read", assertThrows(UpgradeRefused.class,
                () -> UpgradeKeys.publicKey(text)).getMessage());
        Files.writeString(text, "-----BEGIN PUBLIC KEY-----\n!!secret!!\n-----END PUBLIC KEY-----\n");
        String m = assertThrows(UpgradeRefused.class, () -> UpgradeKeys.publicKey(text)).getMessage();
        assertFalse(m.contains("secret"), m);
        assertEquals(dir.resolve("none") + ": no such file", assertThrows(UpgradeRefused.class,
                () -> UpgradeKeys.publicKey(dir.resolve("none"))).getMessage());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
