package edgebox.system.slot;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The slots as they are now, read fresh: the booted slot, both partitions, the GRUB environment's A/B variables,
 * and each slot's version (the booted one's from its release file, the other's from {@link SlotVersions}).
 */
public record SlotsStatus(Slot booted, Map<Slot, SlotDevice> devices, BootEnv boot, Map<Slot, String> versions) {

    public static SlotsStatus read(Slot booted, SystemFiles files, GrubEnvFile grubenv, SlotVersions recorded)
            throws IOException {
        Map<Slot, SlotDevice> devices = files.devices();
        BootEnv boot = BootEnv.read(grubenv);
        Map<Slot, String> versions = new EnumMap<>(recorded.read());
        versions.put(booted, files.runningVersion());
        return new SlotsStatus(booted, Map.copyOf(devices), boot, Map.copyOf(versions));
    }

    public Optional<String> version(Slot slot) {
        return Optional.ofNullable(versions.get(slot));
    }
}
