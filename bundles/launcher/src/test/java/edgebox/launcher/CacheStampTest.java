package edgebox.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheStampTest {

    @Test
    void cacheIsKeptOnlyWhileBootListAndJarsAreUnchanged(@TempDir Path home) throws IOException {
        Path system = home.resolve("system");
        Path cache = Files.createDirectories(home.resolve("data/cache"));
        Path stampFile = home.resolve("data/boot.stamp");
        List<BootList.Entry> one = BootList.parse("x", List.of("g:a:1"));
        Path jar = system.resolve(one.get(0).path());
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {1, 2, 3});
        Path jar2 = system.resolve("g/b/1/b-1.jar");
        Files.createDirectories(jar2.getParent());
        Files.write(jar2, new byte[] {4});

        String stamp = CacheStamp.of(system, one);
        assertTrue(CacheStamp.mustClean(cache, stampFile, stamp), "no stamp yet");
        CacheStamp.write(stampFile, stamp);
        assertFalse(CacheStamp.mustClean(cache, stampFile, CacheStamp.of(system, one)));

        List<BootList.Entry> two = BootList.parse("x", List.of("g:a:1", "g:b:1"));
        assertTrue(CacheStamp.mustClean(cache, stampFile, CacheStamp.of(system, two)), "boot list changed");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertNotEquals(stamp, CacheStamp.of(system, one));
        assertTrue(CacheStamp.mustClean(cache, stampFile, CacheStamp.of(system, one)), "jar replaced");

        CacheStamp.write(stampFile, CacheStamp.of(system, one));
        Path moved = home.resolveSibling(home.getFileName() + "-moved").resolve("system");
        Files.createDirectories(moved.resolve(one.get(0).path()).getParent());
        Files.copy(jar, moved.resolve(one.get(0).path()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        assertTrue(CacheStamp.mustClean(cache, stampFile, CacheStamp.of(moved, one)), "home moved");
    }
}
