package edgebox.system.install;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import edgebox.system.slot.BootEnv;
import edgebox.system.slot.GrubEnvFile;
import edgebox.system.slot.Slot;
import edgebox.system.slot.SlotDevice;
import edgebox.system.slot.SlotVersions;
import edgebox.system.slot.SlotsStatus;
import edgebox.system.slot.SystemFiles;
import edgebox.system.upgrade.UpgradeFormat;
import edgebox.system.upgrade.UpgradeKeys;
import edgebox.system.upgrade.UpgradeRefused;
import edgebox.system.upgrade.UpgradeVerifier;
import edgebox.system.upgrade.VerifiedUpgrade;

/**
 * Installs an upgrade bundle into the slot not booted: checks the box may be upgraded now, verifies the whole bundle
 * against the slot, writes and reads back the slot, records its version, and only then sets the GRUB environment
 * to try that slot once on the next boot. A refusal or a failed write leaves the GRUB environment as it was, so the
 * booted slot boots again; the one exception is a trial still pending for the slot about to be written, cancelled
 * before the first byte so a half-written slot is never tried.
 */
public final class Upgrader {

    private final SystemFiles files;
    private final GrubEnvFile grubenv;
    private final SlotVersions versions;

    public Upgrader(SystemFiles files, GrubEnvFile grubenv, SlotVersions versions) {
        this.files = files;
        this.grubenv = grubenv;
        this.versions = versions;
    }

    /** @return what was done, one line per step */
    public List<String> upgrade(Path bundle) throws UpgradeRefused {
        List<String> done = new ArrayList<>();
        try {
            Slot booted = files.bootedSlot().orElseThrow(() -> new UpgradeRefused(SystemFiles.NOT_ON_IMAGE));
            SlotsStatus status = SlotsStatus.read(booted, files, grubenv, versions);
            Slot target = target(status);
            SlotDevice device = status.devices().get(target);
            VerifiedUpgrade upgrade = new UpgradeVerifier(UpgradeKeys.publicKey(files.upgradeKey()),
                    UpgradeFormat.SLOT_FORMAT).verify(bundle, target.name(), device.bytes());
            done.add("verified " + bundle + ": version " + upgrade.manifest().version() + ", "
                    + upgrade.manifest().payloadSize() + " bytes, signed by key " + upgrade.manifest().keyId());
            if (status.boot().isTrial(target)) {
                grubenv.update(env -> BootEnv.of(env).withoutTrial().writeTo(env));
                done.add("cancelled the pending trial of slot " + target + ": it is about to be rewritten");
            }
            versions.set(booted, status.versions().get(booted));
            versions.set(target, null);
            write(upgrade, device);
            versions.set(target, upgrade.manifest().version());
            done.add("wrote slot " + target + " (" + device.device() + "), read it back: SHA-256 "
                    + upgrade.manifest().payloadSha256());
            grubenv.update(env -> BootEnv.of(env).trying(target).writeTo(env));
            done.add("the next boot tries slot " + target + " (" + upgrade.manifest().version() + ") once; it "
                    + "becomes active when it has been ready long enough, else the box returns to slot " + booted);
            return done;
        } catch (IOException e) {
            throw new UpgradeRefused(progress(done) + e.getMessage(), e);
        }
    }

    /** The slot to write: the one not booted, and only while the booted one is known good. */
    private static Slot target(SlotsStatus status) throws UpgradeRefused {
        Slot booted = status.booted();
        Slot other = booted.other();
        if (status.boot().isTrial(booted)) {
            throw new UpgradeRefused("slot " + booted + " runs on trial, not yet marked good: writing slot " + other
                    + " now would overwrite the only slot known good; upgrade once " + booted + " is active "
                    + "(edgebox:slots)");
        }
        if (status.boot().active().isPresent() && status.boot().active().get() != booted) {
            throw new UpgradeRefused("slot " + booted + " is booted but the GRUB environment's active slot is "
                    + other + ": writing " + other + " would overwrite the slot GRUB boots by default");
        }
        if (status.devices().get(other).device().equals(status.devices().get(booted).device())) {
            throw new UpgradeRefused("slots A and B are the same device " + status.devices().get(booted).device());
        }
        return other;
    }

    private static void write(VerifiedUpgrade upgrade, SlotDevice device) throws IOException, UpgradeRefused {
        try {
            SlotWriter.write(upgrade, device);
        } catch (IOException | UpgradeRefused e) {
            throw new UpgradeRefused("writing slot " + device.slot() + " failed: " + e.getMessage() + "; the GRUB "
                    + "environment is unchanged, slot " + device.slot().other() + " boots as before", e);
        }
    }

    private static String progress(List<String> done) {
        return done.isEmpty() ? "" : String.join("; ", done) + "; then: ";
    }
}
