package edgebox.api.health;

/**
 * Identifiers ({@code osgi.condition.id}) of the OSGi conditions the runtime registers as it comes up.
 * The launcher waits for {@link #READY} before it prints {@code edgebox ready}.
 */
public final class Conditions {

    /** The property naming a condition, from the OSGi Condition service specification. */
    public static final String ID = "osgi.condition.id";

    /** {@code etc/} was read once: every valid configuration file and manifest reached Config Admin. */
    public static final String CONFIG_LOADED = "edgebox.config.loaded";

    /** The features named in the boot configuration are installed and their bundles started. */
    public static final String FEATURES_BOOTED = "edgebox.features.booted";

    /** Both of the above, every bundle started, every component it enabled active, every function ready. */
    public static final String READY = "edgebox.ready";

    private Conditions() {
    }
}
