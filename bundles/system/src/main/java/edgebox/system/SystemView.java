package edgebox.system;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import edgebox.api.runtime.HostCommand;
import edgebox.system.slot.SlotsStatus;
import edgebox.system.upgrade.UpgradeRefused;

/** Inside this bundle only: the system component as the console and the health entry see it. */
public interface SystemView {

    /** The slots as they are now; empty off the image. */
    Optional<SlotsStatus> slots() throws IOException;

    /** Where marking this boot good stands, in one line. */
    String trial();

    /** The latest failure to learn this boot's trial or to mark it good; null when there was none. */
    String lastError();

    /** Installs {@code bundle} into the inactive slot and sets it to be tried on the next boot; one at a time. */
    List<String> upgrade(Path bundle) throws UpgradeRefused;

    /** Runs the host's {@code reboot}; what it said when it failed. */
    HostCommand.Result reboot();
}
