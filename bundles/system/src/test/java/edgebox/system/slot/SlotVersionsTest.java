package edgebox.system.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotVersionsTest {

    @TempDir
    Path home;

    @Test
    void recordsForgetsAndReadsBackEachSlotsVersion() throws Exception {
        SlotVersions versions = new SlotVersions(home.resolve("data/system/slots.properties"));
        assertEquals(Map.of(), versions.read());
        versions.set(Slot.A, "1.0+20260101");
        versions.set(Slot.B, "2.0 beta");
        assertEquals(Map.of(Slot.A, "1.0+20260101", Slot.B, "2.0 beta"), versions.read());
        versions.set(Slot.B, null);
        assertEquals(Map.of(Slot.A, "1.0+20260101"), versions.read());
        assertEquals("# the version each system slot holds, kept by edgebox.system\nA=1.0+20260101\n",
                Files.readString(home.resolve("data/system/slots.properties")));
        try (var files = Files.list(home.resolve("data/system"))) {
            assertEquals(1, files.count());
        }
    }
}
