package edgebox.system.slot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the slots' partitions by GPT partition name as the kernel lists them: each {@code SYSFS/NAME/uevent} with
 * {@code PARTNAME=edgebox-a} gives {@code DEVNAME=vda3}, the device {@code DEV/vda3}, and {@code SYSFS/NAME/size}
 * its size in 512-byte sectors. Both roots are given, so tests use directories of plain files.
 */
public final class BlockDevices {

    private static final long SECTOR = 512;

    private final Path sysBlock;
    private final Path dev;

    /** @param sysBlock {@code /sys/class/block} on the box; @param dev {@code /dev} */
    public BlockDevices(Path sysBlock, Path dev) {
        this.sysBlock = sysBlock;
        this.dev = dev;
    }

    /** Both slots' partitions; a slot missing or named twice is refused, naming the partition name. */
    public Map<Slot, SlotDevice> slots() throws IOException {
        Map<Slot, List<Path>> found = new EnumMap<>(Slot.class);
        Map<Path, String> devNames = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sysBlock)) {
            for (Path entry : entries) {
                Path uevent = entry.resolve("uevent");
                if (!Files.isRegularFile(uevent)) {
                    continue;
                }
                Map<String, String> fields = fields(Files.readAllLines(uevent, StandardCharsets.UTF_8));
                for (Slot slot : Slot.values()) {
                    if (slot.partitionName().equals(fields.get("PARTNAME")) && fields.containsKey("DEVNAME")) {
                        found.computeIfAbsent(slot, s -> new ArrayList<>()).add(entry);
                        devNames.put(entry, fields.get("DEVNAME"));
                    }
                }
            }
        }
        Map<Slot, SlotDevice> slots = new EnumMap<>(Slot.class);
        for (Slot slot : Slot.values()) {
            List<Path> entries = found.getOrDefault(slot, List.of());
            if (entries.isEmpty()) {
                throw new IOException("no partition named " + slot.partitionName() + " in " + sysBlock);
            }
            if (entries.size() > 1) {
                throw new IOException("more than one partition named " + slot.partitionName() + " (" + entries
                        .stream().map(p -> p.getFileName().toString()).sorted().toList() + "): another edgebox "
                        + "disk is attached; remove it");
            }
            slots.put(slot, device(slot, entries.get(0), devNames.get(entries.get(0))));
        }
        return slots;
    }

    private SlotDevice device(Slot slot, Path entry, String name) throws IOException {
        String sectors = Files.readString(entry.resolve("size"), StandardCharsets.US_ASCII).strip();
        try {
            return new SlotDevice(slot, dev.resolve(name), Long.parseLong(sectors) * SECTOR);
        } catch (NumberFormatException e) {
            throw new IOException(entry.resolve("size") + ": \"" + sectors + "\" is not a number of sectors");
        }
    }

    private static Map<String, String> fields(List<String> lines) {
        Map<String, String> fields = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return fields;
    }
}
