package edgebox.console.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {

    @TempDir
    Path home;

    @Test
    void generatedOnceWithOwnerOnlyModeAndReadBack() throws Exception {
        Path file = home.resolve("data/ssh/host_key");
        KeyPair first = HostKeys.loadOrCreate(file);
        assertTrue(first.getPublic() instanceof ECPublicKey);
        assertEquals(HostKeys.OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertTrue(Files.readString(file).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
        KeyPair again = HostKeys.loadOrCreate(file);
        assertEquals(((ECPublicKey) first.getPublic()).getW(), ((ECPublicKey) again.getPublic()).getW());
    }
}
