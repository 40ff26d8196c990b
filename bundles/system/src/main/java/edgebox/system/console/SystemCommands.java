package edgebox.system.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import edgebox.api.runtime.HostCommand;
import edgebox.system.SystemView;
import edgebox.system.slot.BootEnv;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SlotDevice;
import edgebox.system.slot.SlotsStatus;
import edgebox.system.slot.SystemFiles;
import edgebox.system.upgrade.UpgradeRefused;

/**
 * {@code edgebox:slots} (both slots: device, size, version, and which is booted, active or on trial) and
 * {@code edgebox:upgrade [--reboot] FILE} (FILE an upgrade bundle, or a block device holding one). Off the image
 * both say so and touch nothing. Only the upgrade changes anything.
 */
@Component(service = SystemCommands.class, property = {"osgi.command.scope=edgebox", "osgi.command.function=slots",
        "osgi.command.function=upgrade"})
public final class SystemCommands {

    private static final String USAGE = "usage: edgebox:upgrade [--reboot] FILE\n";

    private final SystemView system;

    @Activate
    public SystemCommands(@Reference SystemView system) {
        this.system = system;
    }

    public String slots() {
        Optional<SlotsStatus> slots;
        try {
            slots = system.slots();
        } catch (IOException e) {
            return "cannot read the slots: " + e.getMessage() + "\n";
        }
        if (slots.isEmpty()) {
            return SystemFiles.NOT_ON_IMAGE + "\n";
        }
        SlotsStatus s = slots.get();
        StringBuilder b = new StringBuilder(String.format("%-5s %-16s %10s  %-36s %s%n", "SLOT", "DEVICE", "MIB",
                "VERSION", "STATE"));
        for (Slot slot : Slot.values()) {
            SlotDevice d = s.devices().get(slot);
            b.append(String.format("%-5s %-16s %10d  %-36s %s%n", slot, d.device(), d.bytes() >> 20,
                    s.version(slot).orElse("unknown"), state(slot, s)));
        }
        return b.append(system.trial()).append('\n').toString();
    }

    static String state(Slot slot, SlotsStatus s) {
        BootEnv boot = s.boot();
        List<String> words = new java.util.ArrayList<>();
        if (slot == s.booted()) {
            words.add("booted");
        }
        if (boot.active().equals(Optional.of(slot))) {
            words.add("active (good)");
        }
        if (boot.isTrial(slot)) {
            words.add(boot.trialBoots() == 1 ? "trial: tried once on the next boot"
                    : slot == s.booted() ? "on trial: not yet marked good"
                    : "trial boot used and never marked good");
        }
        return words.isEmpty() ? "-" : String.join(", ", words);
    }

    public String upgrade(String file) {
        return upgrade(Path.of(file), false);
    }

    public String upgrade(String option, String file) {
        return option.equals("--reboot") ? upgrade(Path.of(file), true) : USAGE;
    }

    private String upgrade(Path bundle, boolean reboot) {
        List<String> done;
        try {
            done = system.upgrade(bundle);
        } catch (UpgradeRefused e) {
            return "upgrade refused: " + e.getMessage() + "\n";
        }
        StringBuilder b = new StringBuilder();
        done.forEach(line -> b.append(line).append('\n'));
        if (!reboot) {
            return b.append("reboot to try it\n").toString();
        }
        HostCommand.Result r = system.reboot();
        return b.append(r.ok() ? "rebooting\n" : "reboot failed (" + r.failure() + "); reboot to try it\n")
                .toString();
    }
}
