package edgebox.system.slot;

import java.nio.file.Path;

/** A slot's partition: its device file and how many bytes it holds. */
public record SlotDevice(Slot slot, Path device, long bytes) {
}
