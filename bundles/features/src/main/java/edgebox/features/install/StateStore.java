package edgebox.features.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The installed feature names, one a line in {@code data/features.state}, so a restart installs them again.
 * Written atomically: a temporary file beside it, forced to disk, then renamed over it.
 */
public final class StateStore {

    private final Path file;

    public StateStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The names saved last; empty when nothing was saved yet. Blank lines and {@code #} comments are skipped. */
    public Set<String> load() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (!Files.exists(file)) {
            return names;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    public void save(Set<String> names) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = folder.resolve(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder("# installed features, written by edgebox.features\n");
        names.forEach(name -> text.append(name).append('\n'));
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be forced; the rename itself is done
        }
    }
}
