package edgebox.system;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "edgebox system", description = "A/B slots, upgrades, and when a trial boot is marked "
        + "good. The paths are the image's; change them only to test on another machine.")
public @interface SystemConfig {

    @AttributeDefinition(description = "How long the box must have been ready without a break before the slot it "
            + "tries is marked good: a whole number and a unit, ms, s, m or h (at most 24h)")
    String goodAfter() default "60s";

    @AttributeDefinition(description = "The kernel command line, read for edgebox.slot=A or B")
    String cmdline() default "/proc/cmdline";

    @AttributeDefinition(description = "The kernel's block devices, whose uevent files name the slot partitions")
    String blockDevices() default "/sys/class/block";

    @AttributeDefinition(description = "The device files")
    String devices() default "/dev";

    @AttributeDefinition(description = "The GRUB environment file on the boot partition")
    String grubenv() default "/boot/efi/boot/grub/grubenv";

    @AttributeDefinition(description = "The running slot's release file (version=...)")
    String release() default "/etc/edgebox/release";

    @AttributeDefinition(description = "The Ed25519 public key (PEM) upgrade bundles must be signed with")
    String upgradeKey() default "/etc/edgebox/upgrade.pub";

    @AttributeDefinition(description = "Where the version each slot holds is kept; relative to the home")
    String slotVersions() default "data/system/slots.properties";
}
