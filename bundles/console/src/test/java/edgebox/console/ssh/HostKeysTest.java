package edgebox.console.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {

    @TempDir
    Path home;

    @Test
    void generatedOnceWithOwnerOnlyModeAndReadBack() throws Exception {
        Path file = home.resolve("data/ssh/host_key");
        KeyPair first = HostKeys.loadOrCreate(file);
        assertEquals("ssh-ed25519", KeyUtils.getKeyType(first.getPublic()), "with Bouncy Castle there, ed25519");
        assertEquals(HostKeys.OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertTrue(Files.readString(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        KeyPair again = HostKeys.loadOrCreate(file);
        assertTrue(KeyUtils.compareKeys(first.getPublic(), again.getPublic()), "the same key read back");
    }
}
