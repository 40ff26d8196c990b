package edgebox.features.install;

import java.util.List;

/** The few framework operations the installer needs; the component wraps the BundleContext, tests use a fake. */
public interface BundleHost {

    /** A bundle present in the framework; {@code started}: ACTIVE, or STARTING (lazy or on its way up). */
    record Present(long id, String symbolicName, String version, boolean fragment, boolean started) {
    }

    List<Present> bundles();

    /** Installs the jar at {@code location} (a {@code file:} URL) and returns the new bundle's id. */
    long install(String location) throws Exception;

    void start(long id) throws Exception;

    void stop(long id) throws Exception;

    void uninstall(long id) throws Exception;

    /** Lets the framework drop the wiring of uninstalled bundles (asynchronous). */
    void refresh();
}
