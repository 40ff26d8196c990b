package edgebox.config.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcWatcherTest {

    @TempDir
    Path etc;

    @Test
    void reportsChangedFilesAndAFolderThatAppears() throws Exception {
        BlockingQueue<Set<Path>> changes = new LinkedBlockingQueue<>();
        BlockingQueue<String> rescans = new LinkedBlockingQueue<>();
        Path manifests = etc.resolve("manifests");
        try (EtcWatcher w = new EtcWatcher(List.of(etc, manifests), changes::add, () -> rescans.add("rescan"))) {
            w.start();
            Files.writeString(etc.resolve("a.cfg"), "x=1");
            Set<Path> first = changes.poll(5, TimeUnit.SECONDS);
            assertNotNull(first, "no change reported");
            assertTrue(first.contains(etc.resolve("a.cfg")), first.toString());

            Files.createDirectories(manifests);
            assertEquals("rescan", rescans.poll(5, TimeUnit.SECONDS));
            Files.writeString(manifests.resolve("web.yaml"), "a: 1");
            Set<Path> next;
            do {
                next = changes.poll(5, TimeUnit.SECONDS);
                assertNotNull(next, "no change reported in the new folder");
            } while (!next.contains(manifests.resolve("web.yaml")));
        }
    }
}
