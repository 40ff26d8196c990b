package edgebox.system.slot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KernelCommandLineTest {

    @Test
    void theLastSlotParameterNamesTheBootedSlot() {
        assertEquals(Optional.of(Slot.B), KernelCommandLine.bootedSlot(
                "BOOT_IMAGE=/boot/vmlinuz console=ttyS0 edgebox.slot=B panic=5\n"));
        assertEquals(Optional.of(Slot.A), KernelCommandLine.bootedSlot("edgebox.slot=B edgebox.slot=\"A\""));
        assertEquals(Optional.empty(), KernelCommandLine.bootedSlot("BOOT_IMAGE=/vmlinuz root=/dev/sda1 quiet"));
        assertEquals(Optional.empty(), KernelCommandLine.bootedSlot("edgebox.slots=A"));
    }

    @Test
    void refusesASlotThatIsNeitherAnorB() {
        assertEquals("edgebox.slot: \"C\" is not a slot (A or B)", assertThrows(IllegalArgumentException.class,
                () -> KernelCommandLine.bootedSlot("edgebox.slot=C")).getMessage());
    }
}
