package edgebox.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether the framework cache of the last start may be kept. The stamp names the {@code system/} folder (bundle
 * locations are absolute, so a moved home needs a clean cache) and lists every boot bundle with the size and
 * modification time of its jar; the cache is kept only when the stamp of this start equals the last one, so a changed
 * {@code boot.list}, a replaced jar or a moved home always starts from a clean cache.
 */
final class CacheStamp {

    private CacheStamp() {
    }

    static String of(Path system, List<BootList.Entry> entries) throws IOException {
        StringBuilder sb = new StringBuilder("edgebox boot stamp 2\n").append(system.toAbsolutePath()).append('\n');
        for (BootList.Entry e : entries) {
            Path jar = system.resolve(e.path());
            sb.append(e.id()).append(e.fragment() ? " fragment " : " ")
                    .append(Files.size(jar)).append(' ')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        return sb.toString();
    }

    /** Whether the cache must be cleaned: no cache yet, no stamp, or a stamp that differs. */
    static boolean mustClean(Path cache, Path stampFile, String stamp) throws IOException {
        if (!Files.isDirectory(cache) || !Files.isRegularFile(stampFile)) {
            return true;
        }
        return !Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp);
    }

    static void write(Path stampFile, String stamp) throws IOException {
        Path tmp = stampFile.resolveSibling(stampFile.getFileName() + ".tmp");
        Files.writeString(tmp, stamp, StandardCharsets.UTF_8);
        Files.move(tmp, stampFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
