package edgebox.system.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slot partitions found by GPT name in a sysfs made of plain files, as the kernel lays it out. */
class BlockDevicesTest {

    @TempDir
    Path sys;

    /** {@code SYS/NAME/uevent} and {@code SYS/NAME/size} of one block device. */
    static void device(Path sys, String name, String partName, long sectors) throws IOException {
        Path d = Files.createDirectories(sys.resolve(name));
        Files.writeString(d.resolve("uevent"), "MAJOR=253\nMINOR=3\nDEVNAME=" + name + "\nDEVTYPE=partition\n"
                + "DISKSEQ=9\nPARTN=3\n" + (partName == null ? "" : "PARTNAME=" + partName + "\n"));
        Files.writeString(d.resolve("size"), sectors + "\n");
    }

    @Test
    void findsBothSlotsByPartitionName() throws Exception {
        device(sys, "vda", null, 2_000_000);
        device(sys, "vda2", "edgebox-boot", 65536);
        device(sys, "vda3", "edgebox-a", 524288);
        device(sys, "vda4", "edgebox-b", 524288);
        device(sys, "vda5", "edgebox-data", 900000);
        Map<Slot, SlotDevice> slots = new BlockDevices(sys, Path.of("/dev")).slots();
        assertEquals(new SlotDevice(Slot.A, Path.of("/dev/vda3"), 268_435_456L), slots.get(Slot.A));
        assertEquals(new SlotDevice(Slot.B, Path.of("/dev/vda4"), 268_435_456L), slots.get(Slot.B));
    }

    @Test
    void refusesAMissingOrDoubledSlot() throws Exception {
        device(sys, "vda3", "edgebox-a", 8);
        assertEquals("no partition named edgebox-b in " + sys, assertThrows(IOException.class,
                () -> new BlockDevices(sys, Path.of("/dev")).slots()).getMessage());
        device(sys, "vda4", "edgebox-b", 8);
        device(sys, "sdb4", "edgebox-b", 8);
        assertEquals("more than one partition named edgebox-b ([sdb4, vda4]): another edgebox disk is attached; "
                + "remove it", assertThrows(IOException.class,
                        () -> new BlockDevices(sys, Path.of("/dev")).slots()).getMessage());
    }

    @Test
    void refusesASizeThatIsNoNumber() throws Exception {
        device(sys, "vda3", "edgebox-a", 8);
        device(sys, "vda4", "edgebox-b", 8);
        Files.writeString(sys.resolve("vda4/size"), "lots\n");
        assertEquals(sys.resolve("vda4/size") + ": \"lots\" is not a number of sectors", assertThrows(
                IOException.class, () -> new BlockDevices(sys, Path.of("/dev")).slots()).getMessage());
    }
}
