package edgebox.config.model;

/** The properties this bundle adds to what it applies, so that a restart can reconcile Config Admin with etc/. */
public final class Tags {

    /** The file a configuration came from, relative to the home: {@code etc/edgebox.health.cfg}. */
    public static final String SOURCE = "edgebox.source";

    /** The manifest object a configuration came from: {@code HTTPRoute web/shop}. */
    public static final String OBJECT = "edgebox.object";

    private Tags() {
    }
}
