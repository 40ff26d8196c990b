package edgebox.system.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import edgebox.api.runtime.HostCommand;
import edgebox.system.SystemView;
import edgebox.system.slot.BootEnv;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SlotDevice;
import edgebox.system.slot.SlotsStatus;
import edgebox.system.slot.SystemFiles;
import edgebox.system.upgrade.UpgradeRefused;

/** The commands format what the system view says; they decide nothing. */
class SystemCommandsTest {

    /** A view holding {@code slots}, answering an upgrade with {@code refusal} or one line, rebooting as told. */
    private record View(Optional<SlotsStatus> slots, String refusal, HostCommand.Result rebooted)
            implements SystemView {

        @Override
        public String trial() {
            return "slot A booted; no trial";
        }

        @Override
        public String lastError() {
            return null;
        }

        @Override
        public List<String> upgrade(Path bundle) throws UpgradeRefused {
            if (refusal != null) {
                throw new UpgradeRefused(refusal);
            }
            return List.of("wrote slot B from " + bundle);
        }

        @Override
        public HostCommand.Result reboot() {
            return rebooted;
        }
    }

    private static SlotsStatus status(BootEnv boot) {
        return new SlotsStatus(Slot.A, Map.of(Slot.A, new SlotDevice(Slot.A, Path.of("/dev/vda3"), 256L << 20),
                Slot.B, new SlotDevice(Slot.B, Path.of("/dev/vda4"), 256L << 20)), boot, Map.of(Slot.A, "1.0+b1"));
    }

    @Test
    void offTheImageBothCommandsSaySo() {
        SystemCommands c = new SystemCommands(new View(Optional.empty(), SystemFiles.NOT_ON_IMAGE, null));
        assertEquals(SystemFiles.NOT_ON_IMAGE + "\n", c.slots());
        assertEquals("upgrade refused: " + SystemFiles.NOT_ON_IMAGE + "\n", c.upgrade("/dev/vdb"));
    }

    @Test
    void showsBothSlotsWithWhatEachIs() {
        BootEnv boot = new BootEnv(Optional.of(Slot.A), Optional.of(Slot.B), 1);
        assertEquals("""
                SLOT  DEVICE                  MIB  VERSION                              STATE
                A     /dev/vda3               256  1.0+b1                               booted, active (good)
                B     /dev/vda4               256  unknown                              \
                trial: tried once on the next boot
                slot A booted; no trial
                """, new SystemCommands(new View(Optional.of(status(boot)), null, null)).slots());
    }

    @Test
    void namesEachTrialState() {
        SlotsStatus s = status(new BootEnv(Optional.of(Slot.B), Optional.of(Slot.A), 0));
        assertEquals("booted, on trial: not yet marked good", SystemCommands.state(Slot.A, s));
        assertEquals("active (good)", SystemCommands.state(Slot.B, s));
        SlotsStatus used = status(new BootEnv(Optional.of(Slot.A), Optional.of(Slot.B), 0));
        assertEquals("trial boot used and never marked good", SystemCommands.state(Slot.B, used));
        assertEquals("-", SystemCommands.state(Slot.B, status(new BootEnv(Optional.of(Slot.A), Optional.empty(),
                0))));
    }

    @Test
    void upgradeSaysWhatItDidAndRebootsWhenAsked() {
        SystemCommands c = new SystemCommands(new View(Optional.empty(), null, new HostCommand.Result(0, "")));
        assertEquals("wrote slot B from /tmp/x.upgrade\nreboot to try it\n", c.upgrade("/tmp/x.upgrade"));
        assertEquals("wrote slot B from /dev/vdb\nrebooting\n", c.upgrade("--reboot", "/dev/vdb"));
        assertEquals("usage: edgebox:upgrade [--reboot] FILE\n", c.upgrade("--rebot", "/dev/vdb"));
        SystemCommands failing = new SystemCommands(new View(Optional.empty(), null,
                new HostCommand.Result(-1, "reboot: not found")));
        assertEquals("wrote slot B from /dev/vdb\nreboot failed (reboot: not found); reboot to try it\n",
                failing.upgrade("--reboot", "/dev/vdb"));
    }

    @Test
    void aRefusalIsSaidAsOne() {
        assertEquals("upgrade refused: the payload was changed\n", new SystemCommands(new View(Optional.empty(),
                "the payload was changed", null)).upgrade("x"));
    }
}
