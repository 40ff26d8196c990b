package edgebox.acme.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
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
