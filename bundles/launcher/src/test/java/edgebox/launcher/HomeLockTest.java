package edgebox.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeLockTest {

    @Test
    void secondLockOnTheSameHomeNamesHomeAndPid(@TempDir Path home) throws IOException {
        try (HomeLock first = HomeLock.acquire(home, 4242)) {
            assertEquals("4242\n", Files.readString(home.resolve("data/edgebox.lock")));
            HomeLock.InUseException e = assertThrows(HomeLock.InUseException.class, () -> HomeLock.acquire(home, 7));
            assertEquals("edgebox: home " + home + " is in use by another edgebox (pid 4242)", e.getMessage());
        }
        try (HomeLock again = HomeLock.acquire(home, 7)) {
            assertEquals("7\n", Files.readString(home.resolve("data/edgebox.lock")));
        }
    }
}
