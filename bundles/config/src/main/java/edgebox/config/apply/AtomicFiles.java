package edgebox.config.apply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes and removes files and folders so that readers see the old state or the new, never a part: a file is
 * written beside its place, synced and renamed over it; a folder is filled under a hidden name and renamed into
 * place ({@link #publish}), or renamed away before it is emptied ({@link #deleteTree}).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        writeSynced(tmp, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDir(dir);
    }

    /** Writes a new file and syncs it; for the content of a folder {@link #publish} renames into place later. */
    public static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    public static void delete(Path file) throws IOException {
        Files.delete(file);
        syncDir(file.toAbsolutePath().getParent());
    }

    /** Renames a filled folder (its files synced) to its place, which must not exist yet. */
    public static void publish(Path filled, Path place) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(filled)) {
            for (Path d : walk.filter(Files::isDirectory).toList()) {
                syncDir(d);
            }
        }
        Files.move(filled, place, StandardCopyOption.ATOMIC_MOVE);
        syncDir(place.toAbsolutePath().getParent());
    }

    /** Removes a folder and what it holds: first renamed to a hidden name, so it is gone at once or not at all. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Path away = dir.resolveSibling("." + dir.getFileName() + ".deleting");
        removeTree(away);
        Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
        syncDir(dir.toAbsolutePath().getParent());
        removeTree(away);
    }

    /** Removes a folder and what it holds, in no particular order: for scratch folders and leftovers. */
    public static void removeTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
