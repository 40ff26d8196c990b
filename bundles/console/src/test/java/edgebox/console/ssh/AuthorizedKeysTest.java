package edgebox.console.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysTest {

    static final String KEY = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBGRQbY3lPSgQ"
            + "8IQYaO0qZNfqQW1pNQ5J8/3yF2m8cTDCu7V5bYJ9Qz8nC7wQW3Xa3v3lLJCf7Rr5oE0rXx3ZrQw= admin@edgebox";

    @TempDir
    Path home;

    @Test
    void countsKeysAndSeesChanges() throws Exception {
        Path file = home.resolve("etc/authorized_keys");
        AuthorizedKeys keys = new AuthorizedKeys(file);
        assertEquals(0, keys.count());

        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        assertEquals(0, keys.count());

        Files.writeString(file, "# admins\n" + KEY + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        assertEquals(1, keys.count());

        Files.writeString(file, KEY + "\n" + KEY.replace("admin@", "second@") + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        assertEquals(2, keys.count());

        Files.delete(file);
        assertEquals(0, keys.count());
    }
}
