package edgebox.acme.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import edgebox.acme.client.Keys;
import edgebox.acme.issue.TestCerts;

class AcmeStoreTest {

    @TempDir
    Path dir;

    @Test
    void theAccountKeyIsMadeOnceAndKeptPrivate() throws Exception {
        AcmeStore store = new AcmeStore(dir.resolve("acme"));
        KeyPair first = store.accountKey("le-account");
        KeyPair again = new AcmeStore(dir.resolve("acme")).accountKey("le-account");
        assertEquals(first.getPublic(), again.getPublic());
        assertEquals(first.getPrivate(), again.getPrivate());
        Path file = dir.resolve("acme/accounts/le-account.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void aCertificateAndItsKeyAreReplacedWholeWithNoTemporaryLeft() throws Exception {
        AcmeStore store = new AcmeStore(dir);
        assertTrue(store.certificate("ns", "web-tls").isEmpty());
        for (int i = 0; i < 3; i++) {
            KeyPair key = Keys.generate("ECDSA", 256);
            X509Certificate leaf = TestCerts.selfSigned(key, "gen" + i, Instant.now(), Instant.now().plusSeconds(
                    3600));
            X509Certificate ca = TestCerts.selfSigned("ca", Instant.now(), Instant.now().plusSeconds(3600));
            store.putCertificate("ns", "web-tls", key.getPrivate(), List.of(leaf, ca));
            AcmeStore.Stored back = store.certificate("ns", "web-tls").orElseThrow();
            assertEquals(key.getPrivate(), back.key());
            assertEquals(List.of(leaf, ca), back.chain());
        }
        Path file = dir.resolve("certs/ns/web-tls.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    /** Files written before PEM went through Bouncy Castle (the test resources) load, and are written the same. */
    @Test
    void filesOfTheEarlierWriterLoadAndAreWrittenByteForByteTheSame() throws Exception {
        String account = resource("old-account.pem");
        String certificate = resource("old-certificate.pem");
        Files.createDirectories(dir.resolve("accounts"));
        Files.writeString(dir.resolve("accounts/old.pem"), account);
        Files.createDirectories(dir.resolve("certs/ns"));
        Files.writeString(dir.resolve("certs/ns/old-tls.pem"), certificate);
        AcmeStore store = new AcmeStore(dir);

        KeyPair key = store.accountKey("old");
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key.getPrivate());
        s.update(new byte[] {1});
        byte[] signature = s.sign();
        s.initVerify(key.getPublic());
        s.update(new byte[] {1});
        assertTrue(s.verify(signature), "the halves of the stored account key belong together");
        assertEquals(account, Keys.pem(key));

        AcmeStore.Stored stored = store.certificate("ns", "old-tls").orElseThrow();
        assertEquals(List.of("CN=old.example", "CN=old-ca"), stored.chain().stream()
                .map(c -> c.getSubjectX500Principal().getName()).toList());
        stored.chain().get(0).verify(stored.chain().get(0).getPublicKey());
        store.putCertificate("ns", "old-tls", stored.key(), stored.chain());
        assertEquals(certificate, Files.readString(dir.resolve("certs/ns/old-tls.pem")));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AcmeStoreTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void unsafeNamesAndDamagedFilesAreRefused() throws Exception {
        AcmeStore store = new AcmeStore(dir);
        assertThrows(IllegalArgumentException.class, () -> store.accountKey("../etc"));
        Files.createDirectories(dir.resolve("certs/ns"));
        Files.writeString(dir.resolve("certs/ns/x.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThrows(java.io.IOException.class, () -> store.certificate("ns", "x"));
        assertFalse(Files.exists(dir.resolve("certs/ns/.x.pem.tmp")));
    }
}
