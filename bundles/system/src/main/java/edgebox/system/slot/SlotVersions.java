package edgebox.system.slot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which version each slot holds, as far as this box wrote or booted it: {@code slots.properties} under the home's
 * {@code data/system/}, lines {@code A=VERSION}. A slot without a line is unknown, e.g. while it is being written.
 * Written whole to a file beside it, synced, then moved over it.
 */
public final class SlotVersions {

    private final Path file;

    public SlotVersions(Path file) {
        this.file = file;
    }

    public synchronized Map<Slot, String> read() throws IOException {
        Map<Slot, String> versions = new EnumMap<>(Slot.class);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#") && !line.substring(eq + 1).isEmpty()) {
                    try {
                        versions.put(Slot.parse(line.substring(0, eq), file.toString()), line.substring(eq + 1));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            // nothing recorded yet
        }
        return versions;
    }

    /** Records {@code version} for {@code slot}; {@code null} forgets it (the slot's content is unknown). */
    public synchronized void set(Slot slot, String version) throws IOException {
        Map<Slot, String> versions = read();
        if (version == null ? versions.remove(slot) == null : version.equals(versions.put(slot, version))) {
            return;
        }
        StringBuilder text = new StringBuilder("# the version each system slot holds, kept by edgebox.system\n");
        versions.forEach((s, v) -> text.append(s.name()).append('=').append(v).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
