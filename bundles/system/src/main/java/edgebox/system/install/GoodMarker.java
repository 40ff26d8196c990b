package edgebox.system.install;

import java.io.IOException;
import java.util.Optional;

import edgebox.system.slot.BootEnv;
import edgebox.system.slot.GrubEnvFile;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SlotVersions;
import edgebox.system.slot.SystemFiles;

/**
 * Marks the booted slot good when this boot is its trial: the GRUB environment gets {@code edgebox_active=SLOT},
 * an empty {@code edgebox_trial} and {@code edgebox_trial_boots=0}, so GRUB boots it from now on; its version is
 * recorded. Any other boot is left alone.
 */
public final class GoodMarker {

    private final SystemFiles files;
    private final GrubEnvFile grubenv;
    private final SlotVersions versions;

    public GoodMarker(SystemFiles files, GrubEnvFile grubenv, SlotVersions versions) {
        this.files = files;
        this.grubenv = grubenv;
        this.versions = versions;
    }

    /** The slot this boot tries, not yet marked good; empty off the image and on a boot that is no trial. */
    public Optional<Slot> trialBooted() throws IOException {
        Optional<Slot> booted = files.bootedSlot();
        if (booted.isEmpty()) {
            return booted;
        }
        return BootEnv.read(grubenv).isTrial(booted.get()) ? booted : Optional.empty();
    }

    /**
     * @return the slot marked good; empty when this boot was no trial (any more)
     * @throws IOException when a file cannot be read or written; if only the version could not be recorded, the
     *                     slot is marked good and the message says so
     */
    public Optional<Slot> markIfTrial() throws IOException {
        Optional<Slot> trial = trialBooted();
        if (trial.isEmpty()) {
            return trial;
        }
        Slot slot = trial.get();
        boolean marked = grubenv.update(env -> {
            BootEnv boot = BootEnv.of(env);
            return boot.isTrial(slot) ? boot.markedGood(slot).writeTo(env) : env;
        });
        if (!marked) {
            return Optional.empty();
        }
        try {
            versions.set(slot, files.runningVersion());
        } catch (IOException e) {
            throw new IOException("slot " + slot + " is marked good, but its version was not recorded: "
                    + e.getMessage(), e);
        }
        return trial;
    }
}
