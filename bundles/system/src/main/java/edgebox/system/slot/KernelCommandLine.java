package edgebox.system.slot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which slot this boot came from: GRUB puts {@code edgebox.slot=A} or {@code edgebox.slot=B} on the command line. */
public final class KernelCommandLine {

    public static final String SLOT = "edgebox.slot";

    private KernelCommandLine() {
    }

    /** The booted slot; empty when the command line names none (not booted from an edgebox image). */
    public static Optional<Slot> bootedSlot(Path cmdline) throws IOException {
        String line = Files.readString(cmdline, StandardCharsets.UTF_8);
        try {
            return bootedSlot(line);
        } catch (IllegalArgumentException e) {
            throw new IOException(cmdline + ": " + e.getMessage());
        }
    }

    /** The last {@code edgebox.slot=} of {@code line}, as the kernel lets a later parameter win. */
    static Optional<Slot> bootedSlot(String line) {
        String value = null;
        for (String word : line.strip().split("\\s+")) {
            if (word.startsWith(SLOT + "=")) {
                value = word.substring(SLOT.length() + 1).replace("\"", "");
            }
        }
        return value == null ? Optional.empty() : Optional.of(Slot.parse(value, SLOT));
    }
}
