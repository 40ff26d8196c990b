package edgebox.system.upgrade;

/**
 * An upgrade bundle, a key or the box's state said no: the message says what and why, in words a user can act on.
 * Thrown before the inactive slot is written, or, after a write went wrong, before the boot environment is touched.
 */
public final class UpgradeRefused extends Exception {

    private static final long serialVersionUID = 1L;

    public UpgradeRefused(String message) {
        super(message);
    }

    public UpgradeRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
